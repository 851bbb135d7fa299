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
    "by_dimension": {"nb": "Nøkkelkompetansene i målet, per dimensjon", "en": "The target's key skills by dimension"},
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
    "leans_to": {"nb": "Heller mot", "en": "Leans to"},
    "placement": {"nb": "Plassering", "en": "Placement"},
    "mean": {"nb": "Snitt", "en": "Mean"},
    "derived_placement": {"nb": "(avledet av balansepunktet)", "en": "(derived from the pole)"},
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
