"""The site's two languages: choosing one per request and the interface texts in each."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Request, request

LANGUAGES = ("nb", "en")
NORWEGIAN_TAGS = ("nb", "no", "nn")
COOKIE = "lang"

TEXTS = {
    "site_name": {"nb": "Balansekunst – kunnskapsgraf", "en": "A Balancing Act – knowledge graph"},
    "home": {"nb": "Forside", "en": "Home"},
    "sparql": {"nb": "SPARQL-spørringer", "en": "SPARQL queries"},
    "language": {"nb": "Språk", "en": "Language"},
    "other_language": {"nb": "English", "en": "Norsk bokmål"},
    "type": {"nb": "Type", "en": "Type"},
    "properties": {"nb": "Egenskaper", "en": "Properties"},
    "links_here": {"nb": "Lenker hit", "en": "What links here"},
    "raw_data": {"nb": "Rådata", "en": "Raw data"},
    "iri": {"nb": "IRI", "en": "IRI"},
    "not_found": {"nb": "Fant ikke ressursen", "en": "Resource not found"},
    "not_found_text": {
        "nb": "Det finnes ingen ressurs med denne adressen i den publiserte grafen.",
        "en": "The published graph holds no resource at this address.",
    },
    "error": {"nb": "Noe gikk galt", "en": "Something went wrong"},
    "error_text": {
        "nb": "Serveren kunne ikke svare på forespørselen. Prøv igjen senere.",
        "en": "The server could not answer the request. Try again later.",
    },
    "query": {"nb": "Spørring", "en": "Query"},
    "run_query": {"nb": "Kjør spørringen", "en": "Run the query"},
    "result_format": {"nb": "Resultatformat", "en": "Result format"},
    "sparql_intro": {
        "nb": "Skriv en SPARQL 1.1-spørring (SELECT, ASK, CONSTRUCT eller DESCRIBE). Endepunktet kan bare leses.",
        "en": "Write a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE). The endpoint is read-only.",
    },
    "intro": {
        "nb": "Kompetansestandarder for roller i arbeidslivet etter metoden Balansekunst, koblet til "
              "ESCO og kvalifikasjonsrammeverkene NKR og EQF.",
        "en": "Skills standards for work roles described with the Balancing Act method, linked to ESCO "
              "and to the NKR and EQF qualifications frameworks.",
    },
    "standards": {"nb": "Kompetansestandarder", "en": "Skills standards"},
    "role": {"nb": "Rolle", "en": "Role"},
    "sector": {"nb": "Sektor", "en": "Sector"},
    "key_skills": {"nb": "Nøkkelkompetanser", "en": "Key skills"},
    "dataset": {"nb": "Datasettbeskrivelse (VoID)", "en": "Dataset description (VoID)"},
    "match_title": {"nb": "Match og mismatch", "en": "Match and mismatch"},
    "match_intro": {
        "nb": "Sammenlign et individuelt kompetansesett, en utdanningsstandard eller en kompetansestandard med "
              "en annen. For hver nøkkelkompetanse i målet viser siden om kilden dekker den, delvis dekker den "
              "eller mangler den, og hva kilden har utover målet.",
        "en": "Compare an individual skills set, an education standard or a skills standard with another. For "
              "each key skill of the target the page shows whether the source covers it, partly covers it or "
              "lacks it, and what the source has beyond the target.",
    },
    "match_method": {
        "nb": "Nøkkelkompetanser matcher når de er den samme ressursen eller er koblet til den samme "
              "ESCO-ferdigheten; koblingens presisjon veier (eksakt 1,0, nær 0,8, bredere eller smalere 0,6, "
              "beslektet 0,4). Læringsutbytte sammenlignes per kategori og NKR-nivå.",
        "en": "Key skills match when they are the same resource or are linked to the same ESCO skill; the "
              "exactness of the links weighs in (exact 1.0, close 0.8, broad or narrow 0.6, related 0.4). "
              "Learning outcomes are compared by category and NKR level.",
    },
    "source": {"nb": "Kilde", "en": "Source"},
    "target": {"nb": "Mål", "en": "Target"},
    "compare": {"nb": "Sammenlign", "en": "Compare"},
    "coverage": {"nb": "Dekning", "en": "Coverage"},
    "match_by_dimension": {"nb": "Nøkkelkompetansene i målet, per dimensjon", "en": "The target's key skills by dimension"},
    "as_data": {"nb": "Som data", "en": "As data"},
    "kind_skills-standard": {"nb": "Kompetansestandarder", "en": "Skills standards"},
    "kind_individual-skills-set": {"nb": "Individuelle kompetansesett", "en": "Individual skills sets"},
    "kind_education-standard": {"nb": "Utdanningsstandarder", "en": "Education standards"},
    "rank_roles": {"nb": "Roller rangert etter dekning", "en": "Roles ranked by coverage"},
    "rank_education": {"nb": "Utdanningsstandarder som dekker rollen best",
                       "en": "Education standards that cover the role best"},
    "rank_for": {"nb": "Rangert for", "en": "Ranked for"},
    "position": {"nb": "Plass", "en": "Rank"},
    "reasons": {"nb": "Begrunnelse", "en": "Reasons"},
    "see_comparison": {"nb": "Se sammenligningen", "en": "See the comparison"},
    "nothing_to_rank": {"nb": "Det finnes ingenting å rangere.", "en": "There is nothing to rank."},
    "balance_profile": {"nb": "Balanseprofil", "en": "Balance profile"},
    "profile_reading": {
        "nb": "Hver rad er en dimensjon fra det første til det andre balansepunktet; hvert merke er en "
              "nøkkelkompetanse, og den tykke streken er snittet.",
        "en": "Each row is a dimension from its first to its second pole; each mark is a key skill, and the "
              "thick bar is the mean.",
    },
    "profile_table": {"nb": "Nøkkelkompetansene i profilen som tabell", "en": "The key skills of the profile as a table"},
    "described_in": {"nb": "Beskrevet i", "en": "Described in"},
    "key_skill": {"nb": "Nøkkelkompetanse", "en": "Key skill"},
    "dimension": {"nb": "Dimensjon", "en": "Dimension"},
    "profile_leans_to": {"nb": "Heller mot", "en": "Leans to"},
    "placement": {"nb": "Plassering", "en": "Placement"},
    "mean": {"nb": "Snitt", "en": "Mean"},
    "derived_placement": {"nb": "(avledet av balansepunktet)", "en": "(derived from the pole)"},
    "validation": {"nb": "Validering", "en": "Validation"},
    "validation_intro": {
        "nb": "Kontroller en kompetansestandard, et individuelt kompetansesett eller en utdanningsstandard "
              "mot balgraphs SHACL-former. Lim inn RDF (Turtle, JSON-LD, RDF/XML eller N-Triples) eller last "
              "opp en fil. Ingenting lagres, og tjenesten henter aldri eksterne dokumenter.",
        "en": "Check a skills standard, an individual skills set or an education standard against balgraph's "
              "SHACL shapes. Paste RDF (Turtle, JSON-LD, RDF/XML or N-Triples) or upload a file. Nothing is "
              "stored, and the service never fetches external documents.",
    },
    "validation_report": {"nb": "Rapport", "en": "Report"},
    "validation_failed": {"nb": "Dokumentet kunne ikke valideres", "en": "The document could not be validated"},
    "paste_data": {"nb": "RDF-data", "en": "RDF data"},
    "upload_file": {"nb": "… eller en fil", "en": "… or a file"},
    "input_format": {"nb": "Format", "en": "Format"},
    "format_auto": {"nb": "Etter filnavnet (ellers Turtle)", "en": "From the file name (else Turtle)"},
    "profile": {"nb": "Profil", "en": "Profile"},
    "profile_all": {"nb": "Alle former", "en": "All shapes"},
    "profile_role_standard": {"nb": "Kompetansestandard for en rolle", "en": "Skills standard for a role"},
    "profile_skills_set": {"nb": "Individuelt kompetansesett", "en": "Individual skills set"},
    "profile_education_standard": {"nb": "Utdanningsstandard", "en": "Education standard"},
    "run_validation": {"nb": "Valider", "en": "Validate"},
    "value": {"nb": "Verdi", "en": "Value"},
    "validation_api": {
        "nb": "Programmer kan sende dokumentet direkte med POST /validate og Content-Type text/turtle, "
              "application/ld+json, application/rdf+xml eller application/n-triples. Rapporten kommer som "
              "JSON, Turtle (standard SHACL-rapport), JSON-LD, tekst eller HTML etter Accept-hodet.",
        "en": "Programs can POST the document itself to /validate with Content-Type text/turtle, "
              "application/ld+json, application/rdf+xml or application/n-triples. The report comes as JSON, "
              "Turtle (the standard SHACL report), JSON-LD, text or HTML, by the Accept header.",
    },
    "ontology_docs": {"nb": "Dokumentasjon av balgraph-ontologien", "en": "Documentation of the balgraph ontology"},
    "ontology_module": {"nb": "Modul", "en": "Module"},
    "module_core": {"nb": "kjernen", "en": "core"},
    "module_alignments": {"nb": "koblinger til ESCO og ELM", "en": "alignments with ESCO and ELM"},
    "version": {"nb": "Versjon", "en": "Version"},
    "version_iri": {"nb": "Versjons-IRI", "en": "Version IRI"},
    "prior_version": {"nb": "Forrige versjon", "en": "Prior version"},
    "license": {"nb": "Lisens", "en": "Licence"},
    "imports": {"nb": "Importerer", "en": "Imports"},
    "namespace": {"nb": "Navnerom", "en": "Namespace"},
    "preferred_prefix": {"nb": "Foretrukket prefiks", "en": "Preferred prefix"},
    "download": {"nb": "Last ned", "en": "Download"},
    "contents": {"nb": "Innhold", "en": "Contents"},
    "class": {"nb": "Klasser", "en": "Classes"},
    "object_property": {"nb": "Objektegenskaper", "en": "Object properties"},
    "datatype_property": {"nb": "Dataegenskaper", "en": "Datatype properties"},
    "annotation_property": {"nb": "Annotasjonsegenskaper", "en": "Annotation properties"},
    "definition": {"nb": "Definisjon", "en": "Definition"},
    "parents": {"nb": "Underklasse eller underegenskap av", "en": "Subclass or subproperty of"},
    "equivalent": {"nb": "Ekvivalent med", "en": "Equivalent to"},
    "domain": {"nb": "Domene", "en": "Domain"},
    "range": {"nb": "Verdiområde", "en": "Range"},
    "inverse": {"nb": "Omvendt av", "en": "Inverse of"},
    "functional": {"nb": "Funksjonell (høyst én verdi)", "en": "Functional (at most one value)"},
    "example": {"nb": "Eksempel fra dataene", "en": "Example from the data"},
    "no_example": {
        "nb": "De publiserte dataene bruker ikke dette begrepet ennå.",
        "en": "The published data does not use this term yet.",
    },
    "inferred_class": {
        "nb": "Dataene oppgir ikke denne klassen. En OWL-resonnerer utleder hvilke ressurser som hører til den, ut fra definisjonen over.",
        "en": "The data does not state this class. An OWL reasoner infers which resources belong to it from the definition above.",
    },
    "changelog_note": {
        "nb": "Hva som er endret fra versjon til versjon, står i CHANGELOG.md i prosjektet.",
        "en": "What changed from version to version is listed in CHANGELOG.md in the project.",
    },
    "skip_to_content": {"nb": "Gå til hovedinnholdet", "en": "Skip to main content"},
    "main_navigation": {"nb": "Hovedmeny", "en": "Main navigation"},
    "search": {"nb": "Søk", "en": "Search"},
    "search_label": {"nb": "Søk etter roller, kompetanser og begreper", "en": "Search roles, skills and concepts"},
    "search_placeholder": {"nb": "f.eks. lydtekniker eller tilstedeværelse", "en": "e.g. sound technician or presence"},
    "search_results_for": {"nb": "Treff for «{query}»", "en": "Results for “{query}”"},
    "search_no_results": {
        "nb": "Ingen treff. Prøv et kortere ord eller en annen skrivemåte.",
        "en": "No results. Try a shorter word or another spelling.",
    },
    "search_hint": {
        "nb": "Søket ser på navn på norsk og engelsk, også ESCOs norske navn. Store og små bokstaver og "
              "skrivemåter som ae, oe og aa for æ, ø og å gir samme treff.",
        "en": "The search looks at names in Norwegian and English, including ESCO's Norwegian names. Upper and "
              "lower case, and spellings such as ae, oe and aa for æ, ø and å, find the same results.",
    },
    "matched_on": {"nb": "treff på", "en": "matched"},
    "suggestions": {"nb": "Forslag", "en": "Suggestions"},
    "downloads": {"nb": "Nedlastinger", "en": "Downloads"},
    "downloads_intro": {
        "nb": "Hele datasettet kan lastes ned, én fil per navngitt graf, i Turtle, N-Triples og JSON-LD, "
              "som ren tekst eller komprimert med gzip. Filene lages når datasettet bygges, og filnavnet "
              "inneholder byggets versjon.",
        "en": "The whole dataset can be downloaded, one file per named graph, in Turtle, N-Triples and JSON-LD, "
              "as plain text or compressed with gzip. The files are made when the dataset is built, and the "
              "file name carries the build's version.",
    },
    "version": {"nb": "Versjon", "en": "Version"},
    "built": {"nb": "Bygget", "en": "Built"},
    "triples": {"nb": "tripler", "en": "triples"},
    "graph": {"nb": "Graf", "en": "Graph"},
    "whole_dataset": {"nb": "Hele datasettet (alle grafer, N-Quads)", "en": "Whole dataset (all graphs, N-Quads)"},
    "format": {"nb": "Format", "en": "Format"},
    "plain": {"nb": "ukomprimert", "en": "plain"},
    "compressed": {"nb": "gzip", "en": "gzip"},
    "no_dumps": {
        "nb": "Dette bygget har ingen nedlastingsfiler. Kjør «balgraph build» på nytt for å lage dem.",
        "en": "This build has no download files. Run “balgraph build” again to make them.",
    },
    "descriptions": {"nb": "Beskrivelser av datasettet", "en": "Descriptions of the dataset"},
    "void_link": {"nb": "VoID-beskrivelse (Turtle)", "en": "VoID description (Turtle)"},
    "dcat_link": {"nb": "DCAT-beskrivelse (datasettets side)", "en": "DCAT description (the dataset's page)"},
    "service_description_text": {
        "nb": "SPARQL-endepunktet beskriver seg selv (SPARQL 1.1 Service Description) når det hentes uten "
              "spørring med en RDF-type i Accept:",
        "en": "The SPARQL endpoint describes itself (SPARQL 1.1 Service Description) when it is fetched without a "
              "query and with an RDF type in Accept:",
    },
    "kind": {"nb": "Slag", "en": "Kind"},
    "kind_role": {"nb": "Roller", "en": "Roles"},
    "kind_skills_standard": {"nb": "Kompetansestandarder", "en": "Skills standards"},
    "kind_individual_skills_set": {"nb": "Individuelle kompetansesett", "en": "Individual skills sets"},
    "kind_education_standard": {"nb": "Utdanningsstandarder", "en": "Education standards"},
    "kind_key_skill": {"nb": "Nøkkelkompetanser", "en": "Key skills"},
    "kind_learning_outcome": {"nb": "Læringsutbyttebeskrivelser", "en": "Learning outcomes"},
    "kind_dimension": {"nb": "Balansedimensjoner", "en": "Balance dimensions"},
    "kind_pole": {"nb": "Balansepunkter", "en": "Poles"},
    "kind_level": {"nb": "Nivåer (NKR og EQF)", "en": "Levels (NKR and EQF)"},
    "kind_sector": {"nb": "Bransjer", "en": "Sectors"},
    "kind_category": {"nb": "Læringsutbyttekategorier", "en": "Learning outcome categories"},
    "kind_esco_occupation": {"nb": "ESCO-yrker", "en": "ESCO occupations"},
    "kind_esco_skill": {"nb": "ESCO-ferdigheter", "en": "ESCO skills"},
    "kind_esco_isco_group": {"nb": "ISCO-grupper", "en": "ISCO groups"},
    "kind_ontology_term": {"nb": "Begreper i ontologien", "en": "Ontology terms"},
    "kind_scheme": {"nb": "Begrepssystemer", "en": "Concept schemes"},
    "kind_other": {"nb": "Annet", "en": "Other"},
    "balance": {"nb": "Balansemodellen", "en": "The balance model"},
    "balance_intro_holder": {
        "nb": "Nøkkelkompetansene plassert på de tre balansedimensjonene, under balansepunktet hver av dem heller mot.",
        "en": "The key skills placed on the three balance dimensions, under the pole each of them leans to.",
    },
    "balance_intro_single": {
        "nb": "Plasseringen på balansemodellen. Det markerte balansepunktet er det nøkkelkompetansen heller mot.",
        "en": "The placement on the balance model. The marked pole is the one the key skill leans to.",
    },
    "balance_intro_dimension": {
        "nb": "Nøkkelkompetansene på denne dimensjonen, under balansepunktet hver av dem heller mot.",
        "en": "The key skills on this dimension, under the pole each of them leans to.",
    },
    "leans_to": {"nb": "heller mot", "en": "leans to"},
    "no_key_skills_here": {"nb": "ingen", "en": "none"},
    "unplaced": {"nb": "Uten balansepunkt", "en": "Without a pole"},
    "label_in_other_language": {"nb": "Navnet finnes ikke på norsk bokmål.", "en": "No English name is given."},
    "dataset_about": {"nb": "Om datasettet", "en": "About the dataset"},
    "about_text": {
        "nb": "Balansekunst er en metode utviklet av Virke sammen med partene i arbeidslivet for å beskrive "
              "kompetanse som læres i arbeid. For hver rolle samles et lite sett nøkkelkompetanser. Hver av dem "
              "plasseres på én av tre balansedimensjoner og beskrives med læringsutbytte (kunnskap, ferdigheter "
              "og generell kompetanse) på et nivå i NKR. Standardene her er illustrerende eksempler, ikke "
              "offisielle standarder.",
        "en": "A Balancing Act is a method developed by Virke with the social partners to describe the skills "
              "people learn at work. For each role a small set of key skills is gathered. Each is placed on one "
              "of three balance dimensions and described by learning outcomes (knowledge, skills and general "
              "competence) at an NKR level. The standards here are illustrative examples, not official standards.",
    },
    "by_sector": {"nb": "Standarder per bransje", "en": "Standards by sector"},
    "by_dimension": {"nb": "Nøkkelkompetanser per balansedimensjon", "en": "Key skills by balance dimension"},
    "no_standards_yet": {"nb": "Ingen standarder ennå.", "en": "No standards yet."},
    "standards_count": {"nb": "{count} standarder", "en": "{count} standards"},
    "standards_count_one": {"nb": "1 standard", "en": "1 standard"},
    "key_skills_count": {"nb": "{count} nøkkelkompetanser", "en": "{count} key skills"},
    "in_numbers": {"nb": "I tall", "en": "In numbers"},
    "count_skills_standard": {"nb": "kompetansestandarder", "en": "skills standards"},
    "count_role": {"nb": "roller", "en": "roles"},
    "count_key_skill": {"nb": "nøkkelkompetanser", "en": "key skills"},
    "count_learning_outcome": {"nb": "læringsutbyttebeskrivelser", "en": "learning outcomes"},
    "count_individual_skills_set": {"nb": "individuelle kompetansesett", "en": "individual skills sets"},
    "count_education_standard": {"nb": "utdanningsstandarder", "en": "education standards"},
    "count_esco": {"nb": "ESCO-begreper det lenkes til", "en": "ESCO concepts linked to"},
    "no_sector": {"nb": "Uten bransje", "en": "Without a sector"},
    "examples": {"nb": "Eksempelspørringer", "en": "Example queries"},
    "examples_authority": {"nb": "For kvalifikasjonsmyndigheter", "en": "For qualification authorities"},
    "examples_researcher": {"nb": "For forskere", "en": "For researchers"},
    "use_example": {"nb": "Bruk", "en": "Use"},
    "results": {"nb": "Resultat", "en": "Results"},
    "result_rows_one": {"nb": "1 rad", "en": "1 row"},
    "triple_count": {"nb": "Tripler", "en": "Triples"},
    "result_rows": {"nb": "{count} rader", "en": "{count} rows"},
    "result_rows_shown": {"nb": "Viser de første {shown} av {count} radene.", "en": "Showing the first {shown} of {count} rows."},
    "result_true": {"nb": "Svaret er ja (true).", "en": "The answer is yes (true)."},
    "result_false": {"nb": "Svaret er nei (false).", "en": "The answer is no (false)."},
    "download_results": {"nb": "Last ned resultatet", "en": "Download the results"},
    "query_failed": {"nb": "Spørringen kunne ikke kjøres", "en": "The query could not be run"},
    "subject": {"nb": "Subjekt", "en": "Subject"},
    "predicate": {"nb": "Predikat", "en": "Predicate"},
    "object": {"nb": "Objekt", "en": "Object"},
    "open_page": {"nb": "Åpne siden", "en": "Open the page"},
    "description": {"nb": "Beskrivelse", "en": "Description"},
    "esco_attribution": {
        "nb": "Denne tjenesten bruker ESCO-klassifikasjonen fra Europakommisjonen.",
        "en": "This service uses the ESCO classification of the European Commission.",
    },
}


def choose_language(request: Request) -> str:
    """Pick nb or en: the ?lang= switch first, then the remembered choice, then Accept-Language."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(COOKIE, "")
    if remembered in LANGUAGES:
        return remembered
    for tag, _quality in sorted(request.accept_languages, key=lambda item: -item[1]):
        primary = tag.lower().split("-")[0]
        if primary in NORWEGIAN_TAGS:
            return "nb"
        if primary == "en":
            return "en"
    return "nb"


def text(key: str, lang: str, **values: object) -> str:
    """Return the interface text `key` in `lang`, with {name} placeholders filled from `values`."""
    template = TEXTS[key][lang]
    return template.format(**values) if values else template


def language_switch_url(target: str) -> str:
    """Return the current page's URL with ?lang=`target`, keeping its other query parameters."""
    params = [(name, value) for name, value in request.args.items(multi=True) if name != "lang"]
    params.append(("lang", target))
    return request.path + "?" + urlencode(params)
