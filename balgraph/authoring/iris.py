"""The IRIs that an imported document's resources get, derived only from the IDs in the file.

Labels never go into an IRI, so correcting a label keeps every IRI, and importing the same file
again gives the same IRIs. Key skills, learning outcomes, evidence and ESCO-link records are
scoped by the ID of the standard or skills set that holds them.
"""

from __future__ import annotations

from ..namespaces import CANONICAL_BASE

ID = CANONICAL_BASE + "id/"
DOCUMENT_PATHS = {
    "skills-standard": "standard",
    "individual-skills-set": "skills-set",
    "education-standard": "education-standard",
}


def document_iri(kind: str, document_id: str) -> str:
    return f"{ID}{DOCUMENT_PATHS[kind]}/{document_id}"


def role_iri(role_id: str) -> str:
    return f"{ID}role/{role_id}"


def person_iri(pseudonym: str) -> str:
    return f"{ID}person/{pseudonym}"


def organisation_iri(organisation_id: str) -> str:
    return f"{ID}organisation/{organisation_id}"


def standard_iri(reference: str) -> str:
    """Return the IRI of a skills standard named by its ID, or the reference itself if it is an IRI."""
    return reference if reference.startswith(("http://", "https://")) else f"{ID}standard/{reference}"


def key_skill_iri(scope: str, skill_id: str) -> str:
    return f"{ID}key-skill/{scope}/{skill_id}"


def learning_outcome_iri(scope: str, skill_id: str, outcome_id: str) -> str:
    return f"{ID}learning-outcome/{scope}/{skill_id}/{outcome_id}"


def interview_iri(interview_id: str) -> str:
    return f"{ID}interview/{interview_id}"


def interviewer_iri(interview_id: str) -> str:
    return f"{ID}interview/{interview_id}/interviewer"


def identified_skill_iri(scope: str, skill_id: str) -> str:
    return f"{ID}identified-skill/{scope}/{skill_id}"


def evidence_iri(scope: str, evidence_id: str) -> str:
    return f"{ID}evidence/{scope}/{evidence_id}"


def esco_link_iri(scope: str, subject_id: str, esco_iri: str) -> str:
    """Return the IRI of the record that gives an ESCO link's provenance."""
    return f"{ID}esco-link/{scope}/{subject_id}/{esco_iri.rstrip('/').rsplit('/', 1)[-1]}"


def sector_iri(sector: str) -> str:
    return f"{ID}sector/{sector}"


def nkr_iri(level: str) -> str:
    return f"{ID}nkr/{level}"


def local_id(iri: str) -> str:
    """Return the last path segment of an IRI: the ID it was minted from."""
    return iri.rstrip("/").rsplit("/", 1)[-1]
