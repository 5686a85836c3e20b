"""The portfolio as versioned JSON for an open-data portal (``export -f json``).

One object, ``{"format": "strategy-kit/portfolio", "version": 1, ...}``: the
strategy's title, vision and goals, its fields of action and criteria, and one
entry per project in the order and with the ranking of the Excel table
(:func:`strategy_kit.present.export.table_entries`: dropped projects left out,
in public nothing internal). Progress is the one figure ``status`` shows
(:mod:`strategy_kit.compute.progress`), rank and points the one ranking
(:mod:`strategy_kit.compute.prioritise`). A lead is a department's name, or a
person as :func:`strategy_kit.document.privacy.person_label` allows; no
e-mail address is ever written.

The shape is the pydantic model :class:`Portfolio`; its JSON Schema is
committed as ``schema/portfolio.schema.json`` (``strategy-kit schema
--portfolio``), and a test fails when that file is stale. A change that a
reader of version 1 could not read raises :data:`VERSION`; docs/export.md
describes the fields.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from strategy_kit.document.options import resolve_lang, resolve_public
from strategy_kit.document.periods import period_text
from strategy_kit.present.export import owner_text, table_entries
from strategy_kit.present.i18n import round_half_up

if TYPE_CHECKING:
    from strategy_kit.compute.progress import Figures
    from strategy_kit.document.model import StrategyDocument, WorkshopDocument

#: The value of ``format``: what the file is, for a reader that gets it without its name.
FORMAT = "strategy-kit/portfolio"
#: The value of ``version``; raised only by a change a reader of the old version cannot read.
VERSION = 1


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Municipality(_Out):
    name: str = Field(description="The municipality's name, e.g. 'Stadt Telgte'.")
    ags: str | None = Field(description="The official municipality key (Amtlicher Gemeindeschlüssel), 8 digits.")


class Goal(_Out):
    id: str
    title: str
    due: str | None = Field(description="ISO date (YYYY-MM-DD) by which it should be reached.")


class FieldOfAction(_Out):
    id: str
    title: str
    description: str | None
    progress: float | None = Field(
        ge=0, le=100, description="Percent 0..100: the figure 'strategy-kit status' shows; null without one."
    )


class Criterion(_Out):
    id: str
    title: str
    weight: float | None = Field(description="Weight in the weighted score; null for a knock-out criterion.")
    direction: Literal["benefit", "cost", "knockout"] = Field(
        description="benefit: high is good; cost: low is good; knockout: a filter that gives no points."
    )
    min: float = Field(description="The scale's lowest score.")
    max: float = Field(description="The scale's highest score.")


class Project(_Out):
    id: str
    title: str
    description: str | None
    goal: str | None = Field(description="The goal and expected effect, free text.")
    parent: str | None = Field(
        description="The id of the project this is a sub-project of; always an id of this file's projects, "
        "which come before it, or null."
    )
    fields_of_action: list[str] = Field(description="Ids of this file's fields of action.")
    goals: list[str] = Field(description="Ids of this file's goals.")
    status: Literal["idea", "candidate", "prioritised", "planned", "in-progress", "done"] = Field(
        description="The lifecycle status (dropped projects are not exported)."
    )
    lead: str | None = Field(description="The lead department's name, or a role; never an e-mail address.")
    start: str | None = Field(description="ISO date or quarter (YYYY-Qn).")
    end: str | None = Field(description="ISO date or quarter (YYYY-Qn).")
    progress: float | None = Field(
        ge=0, le=100, description="Percent 0..100: the figure 'strategy-kit status' shows."
    )
    weight: float = Field(gt=0, description="The weight it counts with in its parent's or the portfolio's progress.")
    rank: int | None = Field(ge=1, description="The rank among the projects up for decision; null when not ranked.")
    points: float | None = Field(
        ge=0, le=100, description="The weighted score 0..100, one decimal; null when not ranked."
    )
    priority: Literal["high", "medium", "low"] | None
    horizon: Literal["short", "medium", "long"] | None
    scores: dict[str, float] = Field(description="Criterion id -> score on its scale.")
    votes: int = Field(ge=0)


class Portfolio(_Out):
    """A municipality's portfolio of digital-strategy measures, for open-data portals."""

    model_config = ConfigDict(title="strategy-kit portfolio")

    format: Literal["strategy-kit/portfolio"]
    version: Literal[1]
    language: Literal["de", "en"] = Field(
        description="The language the file's texts are written in (keys and codes are language-neutral)."
    )
    municipality: Municipality
    title: str = Field(description="The strategy's title, or the workshop's.")
    vision: str | None = Field(description="The strategy's vision (Leitbild).")
    goals: list[Goal]
    fields_of_action: list[FieldOfAction]
    criteria: list[Criterion]
    projects: list[Project] = Field(
        description="In the order of the Excel export: ranked projects by rank, then those knocked out, "
        "those with missing scores, those in progress or done and sub-projects without scores."
    )


def portfolio(
    document: WorkshopDocument,
    *,
    strategy: StrategyDocument | None = None,
    public: bool,
    progress: Figures | None = None,
) -> Portfolio:
    """The portfolio of ``document`` (a strategy's view or a workshop) as :class:`Portfolio`.

    The title is the workshop's (a strategy's view has the strategy's);
    ``strategy`` (the strategy file, or the one a workshop refers to) gives
    vision and goals, none without one; ``progress`` as in
    :func:`strategy_kit.present.export.csv_rows`.
    """
    from strategy_kit.compute.progress import figures

    computed = progress or figures(document.projects)
    entries = table_entries(document, public=public)
    shown = {e.project.id for e in entries}
    projects = [
        Project(
            id=(p := e.project).id,
            title=p.title,
            description=p.description,
            goal=p.goal,
            parent=p.parent if p.parent in shown else None,
            fields_of_action=list(p.fields),
            goals=list(p.goals),
            status=p.status.value,
            lead=owner_text(document, p.lead, public=public) or None,
            start=period_text(p.start) if p.start is not None else None,
            end=period_text(p.end) if p.end is not None else None,
            progress=computed.projects.get(p.id),
            weight=p.weight,
            rank=e.rank,
            points=float(round_half_up(e.score, 1)) if e.score is not None else None,
            priority=e.priority.value if e.priority else None,
            horizon=e.horizon.value if e.horizon else None,
            scores=dict(p.scores),
            votes=p.votes,
        )
        for e in entries
    ]
    return Portfolio(
        format=FORMAT,
        version=VERSION,
        language=resolve_lang(document, None),  # the file's own, whatever --lang says
        municipality=Municipality(name=document.municipality.name, ags=document.municipality.ags),
        title=document.workshop.title,  # a strategy's view carries the strategy's title
        vision=strategy.vision if strategy else None,
        goals=[
            Goal(id=g.id, title=g.title, due=g.due.isoformat() if g.due else None)
            for g in (strategy.goals if strategy else [])
        ],
        fields_of_action=[
            FieldOfAction(id=f.id, title=f.title, description=f.description, progress=computed.fields.get(f.id))
            for f in document.fields_of_action
        ],
        criteria=[
            Criterion(
                id=c.id,
                title=c.title,
                weight=None if c.knockout else c.weight,
                direction="knockout" if c.knockout else c.direction,
                min=c.scale.min,
                max=c.scale.max,
            )
            for c in document.criteria
        ],
        projects=projects,
    )


def export_json(
    document: WorkshopDocument,
    *,
    strategy: StrategyDocument | None = None,
    public: bool | None = None,
    progress: Figures | None = None,
) -> bytes:
    """:func:`portfolio` as UTF-8 JSON text, keys in the model's order, ending in a newline.

    Public unless ``public=False``: a portal publishes what it gets. There is no
    ``lang``: the JSON has no words of strategy-kit's own, only the file's texts and codes.
    """
    data = portfolio(
        document,
        strategy=strategy,
        public=resolve_public(document, public, published=True),
        progress=progress,
    )
    return (json.dumps(data.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def schema_dict() -> dict[str, Any]:
    """The JSON Schema of :class:`Portfolio`, declared as draft-07 like the format's schemas."""
    generated = Portfolio.model_json_schema(mode="serialization")
    return {"$schema": "http://json-schema.org/draft-07/schema#", **generated}


def schema_text() -> str:
    """The schema as stable JSON text ending in a newline (``schema/portfolio.schema.json``)."""
    return json.dumps(schema_dict(), ensure_ascii=False, indent=2) + "\n"
