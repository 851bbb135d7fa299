"""The kinds of resource the site groups and labels: one per class of the Balancing Act model and of ESCO."""

from __future__ import annotations

from collections.abc import Iterable

BAL = "https://w3id.org/balgraph/ontology#"
ESCO_MODEL = "http://data.europa.eu/esco/model#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
EQF_SCHEME = "http://data.europa.eu/snb/eqf/25831c2"

# Kind keys in the order the site lists them; the first class a resource has decides its kind.
KIND_CLASSES: tuple[tuple[str, str], ...] = (
    ("role", BAL + "Role"),
    ("skills_standard", BAL + "SkillsStandard"),
    ("individual_skills_set", BAL + "IndividualSkillsSet"),
    ("education_standard", BAL + "EducationStandard"),
    ("key_skill", BAL + "KeySkill"),
    ("learning_outcome", BAL + "LearningOutcome"),
    ("dimension", BAL + "BalanceDimension"),
    ("pole", BAL + "BalancePole"),
    ("level", BAL + "NKRLevel"),
    ("level", BAL + "QualificationsFrameworkLevel"),
    ("sector", BAL + "Sector"),
    ("category", BAL + "LearningOutcomeCategory"),
    ("esco_occupation", ESCO_MODEL + "Occupation"),
    ("esco_skill", ESCO_MODEL + "Skill"),
    ("esco_isco_group", ESCO_MODEL + "ISCOGroup"),
    ("ontology_term", OWL + "Class"),
    ("ontology_term", OWL + "ObjectProperty"),
    ("ontology_term", OWL + "DatatypeProperty"),
    ("ontology_term", OWL + "AnnotationProperty"),
    ("scheme", SKOS + "ConceptScheme"),
)
# Concepts typed only skos:Concept are recognised by their scheme (EQF levels come from the EU vocabulary).
KIND_SCHEMES = {EQF_SCHEME: "level"}
OTHER = "other"
KIND_ORDER: tuple[str, ...] = tuple(dict.fromkeys([key for key, _ in KIND_CLASSES] + [OTHER]))


def kind_of(types: Iterable[str], schemes: Iterable[str] = ()) -> str:
    """Return the kind key of a resource with these rdf:type IRIs and skos:inScheme IRIs."""
    present = set(types)
    for key, class_iri in KIND_CLASSES:
        if class_iri in present:
            return key
    for scheme in schemes:
        if scheme in KIND_SCHEMES:
            return KIND_SCHEMES[scheme]
    return OTHER
