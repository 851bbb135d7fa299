"""Validation reports for people and programs: text, JSON, HTML and the standard SHACL report in Turtle.

Every format groups the results by resource and names resources, properties and values by
their labels in the reader's language (nb or en), keeping the IRIs beside them.
"""

from __future__ import annotations

import json
from collections import defaultdict

from jinja2 import Environment, select_autoescape

from .validation import ValidationReport, ValidationResult

FORMATS = ("text", "turtle", "json", "html")
MEDIA_TYPES = {
    "text": "text/plain",
    "turtle": "text/turtle",
    "json": "application/json",
    "html": "text/html",
}

_SEVERITY_WORDS = {
    "nb": {"Violation": "Brudd", "Warning": "Advarsel", "Info": "Info"},
    "en": {"Violation": "Violation", "Warning": "Warning", "Info": "Info"},
}
_WORDS = {
    "nb": {"value": "verdi", "conforms": "Dataene er i samsvar med formene.",
           "not_conforming": "Dataene er ikke i samsvar med formene.",
           "summary": "{violations} brudd og {warnings} advarsler i {resources} ressurser.",
           "title": "Valideringsrapport"},
    "en": {"value": "value", "conforms": "The data conforms to the shapes.",
           "not_conforming": "The data does not conform to the shapes.",
           "summary": "{violations} violations and {warnings} warnings in {resources} resources.",
           "title": "Validation report"},
}


def severity_word(severity: str, lang: str) -> str:
    return _SEVERITY_WORDS[_lang(lang)].get(severity, severity)


def summary(report: ValidationReport, lang: str) -> str:
    """Return one or two sentences saying whether the data conforms and how many results there are."""
    words = _WORDS[_lang(lang)]
    verdict = words["conforms"] if report.conforms else words["not_conforming"]
    if not report.results:
        return verdict
    resources = len({r.focus for r in report.results})
    return verdict + " " + words["summary"].format(
        violations=report.violation_count, warnings=report.warning_count, resources=resources)


def grouped(report: ValidationReport, lang: str) -> list[dict]:
    """Return the results as a list of resources, each with its label and its results ready to show."""
    by_focus: dict[str, list[ValidationResult]] = defaultdict(list)
    for result in report.results:
        by_focus[result.focus].append(result)
    resources = []
    for focus in sorted(by_focus, key=lambda iri: (report.label(iri, lang).lower(), iri)):
        resources.append({
            "iri": focus,
            "label": report.label(focus, lang),
            "results": [_result_view(report, result, lang) for result in by_focus[focus]],
        })
    return resources


def _result_view(report: ValidationReport, result: ValidationResult, lang: str) -> dict:
    path_labels = [report.label(step, lang) for step in result.path.split(" / ")] if result.path else []
    value_label = report.label(result.value, lang) if result.value_is_iri else result.value
    return {
        "severity": result.severity,
        "severityLabel": severity_word(result.severity, lang),
        "shape": result.shape,
        "shapeName": result.shape_name(lang),
        "component": result.component,
        "path": result.path,
        "pathLabel": " / ".join(path_labels) if path_labels else None,
        "value": result.value,
        "valueIsIri": result.value_is_iri,
        "valueLabel": value_label,
        "message": result.message(lang),
        "messages": dict(result.messages),
    }


def render_text(report: ValidationReport, lang: str) -> str:
    """Render the report as plain text, one block per resource."""
    words = _WORDS[_lang(lang)]
    lines = []
    for resource in grouped(report, lang):
        lines.append(f"{resource['label']} <{resource['iri']}>")
        for result in resource["results"]:
            lines.append(f"  [{result['severityLabel']}] {result['shapeName']}: {result['message']}")
            if result["value"] is not None:
                shown_value = result["valueLabel"]
                if result["valueIsIri"] and shown_value != result["value"]:
                    shown_value = f"{shown_value} <{result['value']}>"
                lines.append(f"      {words['value']}: {shown_value}")
        lines.append("")
    lines.append(summary(report, lang))
    return "\n".join(lines)


def render_json(report: ValidationReport, lang: str) -> str:
    """Render the report as JSON: conformance, counts and the grouped results."""
    document = {
        "conforms": report.conforms,
        "language": _lang(lang),
        "violations": report.violation_count,
        "warnings": report.warning_count,
        "summary": summary(report, lang),
        "resources": grouped(report, lang),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def render_turtle(report: ValidationReport) -> str:
    """Render the standard SHACL validation report graph as Turtle."""
    report.graph.bind("sh", "http://www.w3.org/ns/shacl#")
    report.graph.bind("balsh", "https://w3id.org/balgraph/shapes#")
    return report.graph.serialize(format="turtle")


_HTML = Environment(autoescape=select_autoescape(default=True)).from_string("""<!DOCTYPE html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}
.Violation{color:#a00}.Warning{color:#850}code{font-size:90%}</style></head>
<body>
<h1>{{ title }}</h1>
<p>{{ summary }}</p>
{% for resource in resources %}
<section>
<h2>{{ resource.label }} <code>&lt;{{ resource.iri }}&gt;</code></h2>
<ul>
{% for result in resource.results %}
<li><strong class="{{ result.severity }}">{{ result.severityLabel }}</strong>: {{ result.shapeName }}.
{{ result.message }}{% if result.value is not none %} ({{ value_word }}: {{ result.valueLabel }}){% endif %}</li>
{% endfor %}
</ul>
</section>
{% endfor %}
</body>
</html>
""")


def render_html(report: ValidationReport, lang: str) -> str:
    """Render the report as a standalone HTML page."""
    words = _WORDS[_lang(lang)]
    return _HTML.render(lang=_lang(lang), title=words["title"], summary=summary(report, lang),
                        resources=grouped(report, lang), value_word=words["value"])


def render(report: ValidationReport, output_format: str, lang: str) -> str:
    """Render the report in one of FORMATS."""
    if output_format == "turtle":
        return render_turtle(report)
    if output_format == "json":
        return render_json(report, lang)
    if output_format == "html":
        return render_html(report, lang)
    return render_text(report, lang)


def _lang(lang: str) -> str:
    return lang if lang in _WORDS else "en"
