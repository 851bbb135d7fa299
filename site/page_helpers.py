"""Template helpers for resource pages: the kind of a resource and its place on the balance model."""

from __future__ import annotations

from flask import Flask, current_app, g

from balgraph.services.balance import BalanceChart
from balgraph.services.kinds import kind_of
from balgraph.services.resources import ResourceView

SKOS_IN_SCHEME = "http://www.w3.org/2004/02/skos/core#inScheme"


def view_kind(view: ResourceView) -> str:
    """Return the kind key of the resource shown by `view` (role, key_skill, esco_skill, …)."""
    schemes = [value.iri for predicate, values in view.properties if predicate.iri == SKOS_IN_SCHEME
               for value in values if value.iri]
    return kind_of([t.iri for t in view.types if t.iri], schemes)


def balance_chart(view: ResourceView) -> BalanceChart | None:
    """Return where the resource's key skills sit on the balance model, or None if that does not apply."""
    types = {t.iri for t in view.types if t.iri}
    return current_app.extensions["balgraph"].balance.chart(view.iri, types, g.lang)


def register(app: Flask) -> None:
    app.add_template_global(view_kind)
    app.add_template_global(balance_chart)
