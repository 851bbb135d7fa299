"""The site's two languages: choosing one per request and the interface texts in each."""

from __future__ import annotations

from flask import Request

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


def text(key: str, lang: str) -> str:
    return TEXTS[key][lang]
