"""The home page: what the dataset is and the skills standards it holds."""

from __future__ import annotations

from flask import Blueprint, current_app, g, render_template

from balgraph.services.catalogue import skills_standards

blueprint = Blueprint("home", __name__)


@blueprint.get("/")
def index():
    publication = current_app.extensions["balgraph"]
    return render_template("home.html", standards=skills_standards(publication.store, g.lang),
                           info=publication.store.info())
