"""The home page: what the dataset is, its standards by sector and its key skills by balance dimension."""

from __future__ import annotations

from flask import Blueprint, current_app, g, render_template

from balgraph.services.catalogue import dataset_totals, key_skills_by_pole, standards_by_sector

blueprint = Blueprint("home", __name__)


@blueprint.get("/")
def index():
    store = current_app.extensions["balgraph"].store
    return render_template("home.html", sectors=standards_by_sector(store, g.lang),
                           dimensions=key_skills_by_pole(store, g.lang), totals=dataset_totals(store))
