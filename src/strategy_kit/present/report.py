"""The results report (Ergebnisbericht): one context, rendered as HTML, Markdown or JSON.

:func:`build_context` turns a document and its ranking into plain data
(strings already formatted for the language, numbers, lists), so templates
stay simple and a consultancy can override one section without knowing the
model. Privacy is applied here, not in the templates: in a public report the
context holds no name or e-mail of anyone who did not consent, no participant
id, and nothing marked ``internal``, so no template, built-in or overridden,
can leak them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from strategy_kit.compute.indicators import actual
from strategy_kit.compute.prioritise import Entry, Ranking, rank_document
from strategy_kit.compute.progress import DECIDED, Figures, figures
from strategy_kit.document.characters import json_text
from strategy_kit.document.model import (
    DocumentInfo,
    DocumentStatus,
    Function,
    Participant,
    Photo,
    Project,
    Session,
    Status,
    StrategyDocument,
    WorkshopDocument,
)
from strategy_kit.document.options import resolve_lang, resolve_public
from strategy_kit.document.periods import Period, Quarter, first_day, last_day
from strategy_kit.document.privacy import may_name, may_show_contact, person_label
from strategy_kit.present import charts
from strategy_kit.present.assets import Frame, as_of
from strategy_kit.present.i18n import (
    LOCALES,
    format_date,
    format_number,
    format_percent,
    format_period,
    format_point,
)
from strategy_kit.present.labels import LabelTable, label, table

Format = Literal["html", "md", "json"]
SHEET_STATUSES = (Status.PRIORITISED, Status.PLANNED, Status.IN_PROGRESS)
#: The measures the roadmap shows: those with a sheet, and those done (what was reached).
ROADMAP_STATUSES = (*SHEET_STATUSES, Status.DONE)
#: Between two facts in one row of a measure sheet: ``priorisiert · 0 %``.
SHEET_JOIN = " · "


def labels(lang: str) -> LabelTable:
    """The report's labels in one language for templates (``t.sec_goal``).

    The ``report`` namespace of :mod:`strategy_kit.present.labels`, plus each
    status as ``st_<status>`` (what templates have always been able to use).
    Raises ``ValueError`` for a language other than ``de`` and ``en``.
    """
    words = table("report", lang)
    words.update({f"st_{key}": text for key, text in table("lifecycle", lang).items()})
    return words


@dataclass(frozen=True)
class Section:
    """One chapter of the report as every format shows it (HTML, Markdown, Word, PDF).

    ``number`` is ``None`` for the cover, which has no heading, and for the
    unnumbered chapters (contents, summary, imprint). ``content`` is
    the section's prepared data; a section without its own template or Word
    writer is shown generically, so its content is then a text or a list of
    texts. ``str(section)`` is the id, so a template that includes
    ``"report/" ~ section ~ ".html.j2"`` keeps working.
    """

    id: str
    number: int | None
    title: str
    content: Any

    def __str__(self) -> str:
        return self.id

    @property
    def anchor(self) -> str:
        """The heading's id in HTML, which the table of contents links to (``sec-goal``)."""
        return f"sec-{self.id.replace('_', '-')}"


def document_status(info: DocumentInfo | None, lang: str) -> str:
    """A document's status as its cover says it: ``Entwurf``, ``zur Beschlussfassung``,
    ``Beschlossen am 12. Juni 2019 (Ratsbeschluss)``; empty without one."""
    if info is None or info.status is None:
        return ""
    if info.status is DocumentStatus.ADOPTED and info.adopted is not None:
        return label("report.doc_adopted_on", lang).format(date=format_date(info.adopted, lang, "long"))
    return label(f"report.doc_{info.status.value}", lang)


def _dates(document: WorkshopDocument, lang: str) -> str:
    from babel.dates import format_interval

    days = sorted(day.date for day in document.days)
    if not days:
        return ""
    if len(days) == 1:
        return format_date(days[0], lang, "long")
    return str(format_interval(days[0], days[-1], "yMMMMd", locale=LOCALES[lang]))


def _money(value: float, lang: str) -> str:
    from babel.numbers import format_currency

    pattern = "#,##0\u00a0¤" if lang == "de" else "¤#,##0"
    return str(
        format_currency(value, "EUR", format=pattern, locale=LOCALES[lang], currency_digits=False)
    )


def _axis(word: str, title: str) -> str:
    """An axis of the matrix named by its criterion: ``Wirkung für Bürgerschaft``, not ``Wirkung: Wirkung für …``.

    The axis' word (``Wirkung``, ``Aufwand``) goes before the title only when
    no word of the title begins with it (``Wirkung: Nutzen``), so no word is said twice.
    """
    stem = word.casefold()
    words = re.findall(r"\w+", title.casefold())
    return title if any(w.startswith(stem) for w in words) else f"{word}: {title}"


def _points(value: float | None, lang: str) -> str:
    """Points to one decimal, rounded half up by :func:`format_number` (61.25 shows 61,3)."""
    return "" if value is None else format_number(value, lang, "#,##0.#")


class _Context:
    """Builds the template context for one document, language and privacy level."""

    def __init__(
        self,
        document: WorkshopDocument,
        ranking: Ranking,
        lang: str,
        public: bool,
        progress: Figures | None = None,
        strategy: StrategyDocument | None = None,
        today: dt.date | None = None,
        frame: Frame | None = None,
    ) -> None:
        self.doc = document
        self.frame = frame or Frame(date=as_of(document))
        info = document.report.document if document.report else None
        self.info = info
        self.ranking = ranking
        self.lang = lang
        self.public = public
        self.t = labels(lang)
        self.fields_by_id = {f.id: f for f in document.fields_of_action}
        self.progress = (progress or figures(document.projects)).projects
        self.goal_titles = {g.id: g.title for g in strategy.goals} if strategy else None
        # The roadmap's line is the report's date (Stand), the one the cover shows.
        self.today = today or self.frame.date

    # -- helpers -------------------------------------------------------------------------

    def date(self, value: dt.date | None, fmt: str = "long") -> str:
        """``5. März 2019``: one way of writing a date in every table and line of the report."""
        return format_date(value, self.lang, fmt) if value else ""

    def number(self, value: float | None) -> str:
        return "" if value is None else format_number(value, self.lang)

    def person(self, participant: Participant) -> str:
        return person_label(participant, public=self.public)

    def owner(self, owner_id: str | None) -> str:
        """A department's name or a person's label, never a participant id."""
        if owner_id is None:
            return ""
        department = self.doc.department(owner_id)
        if department is not None:
            return department.name
        participant = self.doc.participant(owner_id)
        if participant is not None:
            return self.person(participant)
        return owner_id

    def visible(self, item: Any) -> bool:
        return not (self.public and getattr(item, "internal", False))

    def projects(self) -> list[Project]:
        return [p for p in self.doc.projects if self.visible(p) and p.status is not Status.DROPPED]

    # -- sections ------------------------------------------------------------------------

    def status_text(self) -> str:
        """``Entwurf``, ``zur Beschlussfassung``, ``Beschlossen am 12. Juni 2019 (Ratsbeschluss)``."""
        return document_status(self.info, self.lang)

    def cover(self) -> dict[str, Any]:
        w = self.doc.workshop
        logo = self.frame.logo
        info = self.info
        return {
            "municipality": self.doc.municipality.name,
            "state": self.doc.municipality.state.value,
            "title": w.title,
            "kind": self.t[f"kind_{w.kind}"],
            "organiser": w.organiser,
            "venue": w.venue or "",
            "dates": _dates(self.doc, self.lang),
            # The logo as bytes (Word) and as a data: URL (HTML, PDF); None without one.
            "logo": logo,
            "logo_src": logo.url if logo else "",
            "logo_alt": self.t["logo"].format(name=self.doc.municipality.name),
            "as_of": self.date(self.frame.date, "long"),
            "version": (info.version or "") if info else "",
            "status": self.status_text(),
            "publisher": (info.publisher or "") if info else "",
        }

    def photos(self, photos: list[Photo]) -> list[dict[str, Any]]:
        """The photos this edition shows and the frame could read: image, URL, caption, alt text."""
        out = []
        for photo in photos:
            image = self.frame.photos.get(photo.file)
            if image is not None and self.visible(photo):
                out.append(
                    {"image": image, "src": image.url, "caption": photo.caption, "alt": photo.alt}
                )
        return out

    def _session(self, session: Session) -> dict[str, Any]:
        """A session as the report tells it after the event: what came out, else what it was for.

        ``results`` are what the session produced; ``purpose`` is its planned
        ``outputs`` joined (``"Projektideen; Prioritäten"``), and only when it has no
        results: a report never prints a plan as an expectation once the event is
        over (the agenda does: it is the plan).
        """
        results = list(session.results)
        return {
            "title": session.title,
            "results": results,
            "purpose": "" if results else "; ".join(session.outputs),
            "photos": self.photos(session.photos),
        }

    def goal(self) -> dict[str, Any]:
        days = []
        for day in self.doc.days:
            blocks = []
            for b in day.blocks:
                sessions = [self._session(s) for s in b.sessions if self.visible(s)]
                sessions = [s for s in sessions if s["purpose"] or s["results"] or s["photos"]]
                block: dict[str, Any] = {
                    "title": b.title,
                    "goal": b.goal or "",
                    "results": list(b.results),
                    "photos": self.photos(b.photos),
                    "sessions": sessions,
                }
                # A block with nothing to say is named in a line, not given an empty heading.
                block["content"] = bool(
                    block["goal"] or block["results"] or block["photos"] or sessions
                )
                blocks.append(block)
            if blocks:
                days.append(
                    {"date": self.date(day.date, "full"), "title": day.title or "", "blocks": blocks}
                )
        return {
            "goal": self.doc.workshop.goal,
            "description": self.doc.workshop.description or "",
            "days": days,
        }

    def _start(self, project: Project, entry: Entry | None) -> str:
        """When a measure starts: its ``start`` (a date or a quarter), else its time frame."""
        start = project.start
        if isinstance(start, Quarter | dt.date):
            return format_point(start, self.lang)
        if entry is None or entry.horizon is None:
            return ""
        return self.t[f"hz_{entry.horizon.value}"]

    def summary(self) -> dict[str, Any]:
        """The one page a council member reads: goal, fields, top five projects, what comes next."""
        projects = [
            {
                "rank": e.rank,
                "title": e.project.title,
                "lead": self.owner(e.project.lead),
                "start": self._start(e.project, e),
            }
            for e in self.ranking.ranked[:5]
        ]
        steps = [
            {**self._step(step, project), "sort": step.due or dt.date.max}
            for project in self.projects()
            for step in project.next_steps
            if self.visible(step) and not step.done
        ]
        steps.sort(key=lambda s: s["sort"])
        dated = sorted(
            (f for f in self.doc.follow_ups if self.visible(f) and f.date is not None),
            key=lambda f: f.date or dt.date.max,
        )[:3]
        # One list in date order: a follow-up on 14 May comes before a step due in September.
        coming = [
            (s["sort"], 1, i, {"date": s["due"], "text": s["action"], "owner": s["owner"]})
            for i, s in enumerate(steps[:5])
        ] + [
            (f.date or dt.date.max, 0, i, {"date": self.date(f.date), "text": f.title, "owner": ""})
            for i, f in enumerate(dated)
        ]
        coming.sort(key=lambda c: c[:3])
        return {
            "goal": self.doc.workshop.goal,
            "fields": [f.title for f in self.doc.fields_of_action],
            "projects": projects,
            "lead": any(p["lead"] for p in projects),
            "start": any(p["start"] for p in projects),
            "steps": steps[:5],
            "follow_ups": [{"title": f.title, "date": self.date(f.date, "full")} for f in dated],
            "coming": [c[3] for c in coming],
        }

    def imprint(self) -> dict[str, Any]:
        """Who publishes the report, whom to ask, its date, version, status and organiser."""
        info = self.info
        return {
            "publisher": (info.publisher or "") if info else "",
            "contact": (info.contact or "") if info else "",
            "as_of": self.date(self.frame.date, "long"),
            "version": (info.version or "") if info else "",
            "status": self.status_text(),
            "organiser": self.doc.workshop.organiser,
            "made_with": self.t["footer"],
        }

    def participants(self) -> dict[str, Any]:
        facilitator_ids = set(self.doc.workshop.facilitators)
        people = [p for p in self.doc.participants if p.id not in facilitator_ids]
        facilitators = [p for p in self.doc.participants if p.id in facilitator_ids]
        by_department = []
        for department in self.doc.departments:
            count = sum(1 for p in people if p.department == department.id)
            if count:
                by_department.append({"name": department.name, "count": count})
        external = sum(1 for p in people if p.department is None and p.organisation)
        unassigned = sum(1 for p in people if p.department is None and not p.organisation)
        if unassigned:
            by_department.append({"name": self.t["no_department"], "count": unassigned})
        if external:
            by_department.append({"name": self.t["external"], "count": external})
        by_function = []
        for function in Function:
            count = sum(1 for p in people if function in p.functions)
            if count:
                by_function.append({"name": self.t[f"fn_{function.value}"], "count": count})
        without = sum(1 for p in people if not p.functions)
        if without:
            by_function.append({"name": self.t["no_function"], "count": without})
        # A role only one person holds names that person, and so does a function count of one
        # (the mayor, the data protection officer): the public edition gives counts per
        # department alone.
        listed = [] if self.public else people
        if self.public:
            by_function = []
        rows = [self._person_row(p) for p in listed]
        named = any(self.person(p) != p.role for p in listed)
        return {
            "total": len(people),
            # The list's first column: roles, unless a name is shown (internal, or consented).
            "who": self.t["person"] if named else self.t["role"],
            "emails": any(row["email"] for row in rows),
            "several": bool(by_function) and any(len(p.functions) > 1 for p in people),
            "by_department": by_department,
            "by_function": by_function,
            "people": rows,
            "facilitators": [self._person_row(p) for p in facilitators],
            "facilitation": self.facilitation(facilitators),
        }

    def facilitation(self, facilitators: list[Participant]) -> list[dict[str, str]]:
        """Who facilitated, each said once: ``[{"role": "Moderation", "text": "City & Bits"}]``.

        One entry per facilitator, its role and ``name (unit), e-mail``, the name and
        e-mail only where :mod:`strategy_kit.document.privacy` allows; ``text`` is empty
        for a facilitator known by the role alone. When no one is named and all come
        from one organisation or department, a single entry says so:
        ``Durchführung und Moderation: City & Bits``.
        """
        entries = []
        for participant in facilitators:
            row = self._person_row(participant)
            name = participant.name if may_name(participant, public=self.public) else None
            entries.append((participant.role, name or "", row["unit"], row["email"]))
        units = {unit for _, _, unit, _ in entries}
        anonymous = not any(name or email for _, name, _, email in entries)
        if entries and anonymous and len(units) == 1 and "" not in units:
            return [{"role": self.t["facilitation"], "text": units.pop()}]
        out = []
        for role, name, unit, email in entries:
            text = f"{name} ({unit})" if name and unit else name or unit
            if email:
                text = f"{text}, {email}" if text else email
            out.append({"role": role, "text": text})
        return out

    def _person_row(self, participant: Participant) -> dict[str, str]:
        unit = ""
        if participant.department:
            department = self.doc.department(participant.department)
            unit = department.name if department else ""
        elif participant.organisation:
            unit = participant.organisation
        email = participant.email if may_show_contact(participant, public=self.public) else None
        return {"label": self.person(participant), "unit": unit, "email": email or ""}

    def situation(self) -> dict[str, Any]:
        rows = [
            charts.MaturityRow(f.title, f.maturity.current, f.maturity.target)
            for f in self.doc.fields_of_action
            if f.maturity is not None
        ]
        svg = ""
        if rows:
            svg = charts.maturity_chart(
                rows,
                title=self.t["maturity_title"],
                current_label=self.t["current"],
                target_label=self.t["target"],
                number=lambda value: format_number(value, self.lang),
            )
        return {
            "rows": [
                {
                    "title": r.label,
                    "current": int(r.current),
                    "target": int(r.target),
                    "gap": int(r.target - r.current),
                }
                for r in rows
            ],
            "svg": svg,
        }

    def fields(self) -> list[dict[str, Any]]:
        projects = self.projects()
        out = []
        for f in self.doc.fields_of_action:
            mine = []
            for p in projects:
                if f.id in p.fields:
                    entry = self.ranking.entry(p.id)
                    mine.append(
                        {"title": p.title, "rank": entry.rank if entry and entry.rank else ""}
                    )
            out.append(
                {
                    "title": f.title,
                    "description": f.description or "",
                    "goals": list(f.goals),
                    "projects": mine,
                }
            )
        return out

    def _priority(self, entry: Entry | None) -> str:
        if entry is None or entry.priority is None:
            return self.t["none"]
        text = self.t[f"prio_{entry.priority.value}"]
        return f"{text}*" if entry.priority_derived else text

    def _horizon(self, entry: Entry | None) -> str:
        if entry is None or entry.horizon is None:
            return self.t["none"]
        text = self.t[f"hz_{entry.horizon.value}"]
        return f"{text}*" if entry.horizon_derived else text

    def _field_titles(self, project: Project) -> list[str]:
        return [self.fields_by_id[f].title for f in project.fields if f in self.fields_by_id]

    def ranking_section(self) -> dict[str, Any]:
        r = self.ranking
        columns = [
            {
                "key": f"{self.t['criterion_short']}{number}",
                "title": c.title,
                "weight": self.number(c.weight),
                "scale": f"{self.number(c.scale.min)}–{self.number(c.scale.max)}",
                "direction": self.t[f"dir_{c.direction}"],
            }
            for number, c in enumerate(r.criteria, start=1)
        ]
        if r.votes == "criterion":
            columns.append(
                {
                    # One more numbered criterion (K5), as ``rank`` shows it: the column of
                    # the votes' points then differs from the column of the votes themselves.
                    "key": f"{self.t['criterion_short']}{len(r.criteria) + 1}",
                    "title": self.t["votes"],
                    "weight": self.number(r.votes_weight),
                    "scale": "",
                    "direction": self.t["dir_benefit"],
                }
            )
        knockout = [
            {
                "key": "",
                "title": c.title,
                "weight": "",
                "scale": f"{self.number(c.scale.min)}–{self.number(c.scale.max)}",
                "direction": self.t["dir_knockout"],
            }
            for c in r.knockout_criteria
        ]

        def parts(entry: Entry) -> list[str]:
            return [part.project.title for part in r.parts_of(entry.project.id)]

        rows = []
        for e in r.ranked:
            rows.append(
                {
                    "rank": e.rank,
                    "tied": e.tied,
                    "title": e.project.title,
                    "parts": parts(e),
                    "score": _points(e.score, self.lang),
                    "cells": [
                        {"points": _points(c.points, self.lang), "score": self.number(c.score)}
                        for c in e.contributions
                    ],
                    "votes": e.project.votes,
                    "priority": self._priority(e),
                    "quadrant": self.t[f"q_{e.quadrant.value}"] if e.quadrant else "",
                }
            )
        knocked = [
            {
                "title": e.project.title,
                "reasons": [
                    self.t["knocked_reason"].format(score=self.number(k.score), criterion=k.title)
                    for k in e.knockouts
                ],
                "parts": parts(e),
            }
            for e in r.knocked_out
        ]
        titles = {c.id: c.title for c in (*r.criteria, *r.knockout_criteria)}
        incomplete = [
            {
                "title": e.project.title,
                "missing": [titles.get(m, m) for m in e.missing],
                "parts": parts(e),
            }
            for e in r.incomplete
        ]
        apart = [
            {
                "title": e.project.title,
                "status": label(f"lifecycle.{e.project.status.value}", self.lang),
                "parts": parts(e),
            }
            for e in r.apart
        ]
        apart += [
            {"title": e.project.title, "status": self.t["sub_project"], "parts": parts(e)}
            for e in r.orphans()
        ]
        scope = self.t["scope_rule_all"] if r.include_started else self.t["scope_rule"]
        empty = self.t["no_ranking"]
        if not (r.knocked_out or r.incomplete) and apart:
            empty = f"{self.t['nothing_open']} {scope}"
        return {
            "columns": columns,
            "knockout_criteria": knockout,
            "rows": rows,
            "knocked_out": knocked,
            "incomplete": incomplete,
            "apart": apart,
            "scope_rule": scope if r.says_scope else "",
            "empty": empty,
            "votes_rule": self.t[f"votes_{r.votes}"],
            # Footnotes and columns only where something on the page needs them.
            "derived": any(e.priority_derived for e in r.ranked),
            "votes_column": any(e.project.votes for e in r.ranked),
            "matrix": self.matrix(),
            "serves": self.serves(),
        }

    def matrix(self) -> dict[str, Any] | None:
        r = self.ranking
        if r.impact is None or r.effort is None:
            return None
        placed = [e for e in r.ranked if e.quadrant is not None]
        impact = _axis(self.t["matrix_impact"], r.impact.title)
        effort = _axis(self.t["matrix_effort"], r.effort.title)
        labels = charts.MatrixLabels(
            title=self.t["matrix"],
            impact=impact,
            effort=effort,
            quick_win=self.t["q_quick-win"],
            major_project=self.t["q_major-project"],
            fill_in=self.t["q_fill-in"],
            thankless=self.t["q_thankless"],
            impact_short=self.t["matrix_impact"],
            effort_short=self.t["matrix_effort"],
        )
        points = [
            charts.MatrixPoint(
                str(e.rank),
                e.project.title,
                e.impact or 0.0,
                e.effort or 0.0,
                self.t[f"q_{e.quadrant.value}"] if e.quadrant else "",
            )
            for e in placed
        ]
        quadrants = []
        for key in ("quick-win", "major-project", "fill-in", "thankless"):
            members = [
                f"{e.rank}. {e.project.title}"
                for e in placed
                if e.quadrant and e.quadrant.value == key
            ]
            quadrants.append({"name": self.t[f"q_{key}"], "projects": members})
        return {
            "svg": (
                charts.matrix_chart(
                    points, labels, number=lambda value: format_number(value, self.lang)
                )
                if points
                else ""
            ),
            "impact": r.impact.title,
            "effort": r.effort.title,
            # The caption under the chart names each axis as the chart does, once.
            "caption": f"{impact}; {effort}. {self.t['matrix_rule']}",
            "quadrants": quadrants,
        }

    def serves(self) -> list[dict[str, Any]]:
        visible = {p.id for p in self.projects()}
        out = []
        for priority, field_ids in self.ranking.fields_by_priority().items():
            entries = [
                e
                for e in self.ranking.entries
                if e.priority is priority and e.project.id in visible
            ]
            if not entries:
                continue
            out.append(
                {
                    "priority": self.t[f"prio_{priority.value}"],
                    "fields": [
                        self.fields_by_id[f].title for f in field_ids if f in self.fields_by_id
                    ],
                }
            )
        return out

    def sheets(
        self, statuses: tuple[Status, ...] = SHEET_STATUSES, order: Sequence[str] = ()
    ) -> list[dict[str, Any]]:
        """One measure sheet per project shown today (``statuses``), in ranking order
        (``order``: in the order of these ids, others after them in ranking order).

        Each sheet holds only the rows with content: ``rows`` is a list of
        ``{"label", "lines"}`` (a row's text, one string per line), then the
        milestones, indicators and next steps as lists of rows (empty lists
        leave their tables out). ``derived`` says whether the priority was
        derived (marked ``*``, explained under the sheet); ``reached``,
        ``measured`` and ``dated`` whether a milestone is reached, an indicator
        measured, an indicator due (the columns erreicht, Istwert, Fällig).
        """
        chosen = [p for p in self.projects() if p.status in statuses]
        ranked = {e.project.id: i for i, e in enumerate(self.ranking.entries)}
        given = {pid: i for i, pid in enumerate(order)}
        chosen.sort(key=lambda p: (given.get(p.id, len(given)), ranked.get(p.id, len(ranked))))
        out = []
        for number, project in enumerate(chosen, start=1):
            entry = self.ranking.entry(project.id)
            indicators = [i for i in project.indicators if self.visible(i)]
            out.append(
                {
                    "number": number,
                    "id": project.id,
                    "title": project.title,
                    "rows": [
                        {"label": name, "lines": lines}
                        for name, lines in self._sheet_rows(project, entry)
                        if any(lines)
                    ],
                    "derived": bool(entry and entry.priority_derived),
                    # The column "erreicht" only when a milestone is reached: no empty column.
                    "reached": any(m.done for m in project.milestones if self.visible(m)),
                    # Likewise the indicators' columns "Istwert" and "Fällig".
                    "measured": any(actual(i) is not None for i in indicators),
                    "dated": any(i.due is not None for i in indicators),
                    "milestones": [
                        {
                            "date": self.date(m.date, "long"),
                            "title": m.title,
                            "done": m.done,
                            "state": "✓" if m.done else "",
                        }
                        for m in sorted(project.milestones, key=lambda m: m.date)
                        if self.visible(m)
                    ],
                    "indicators": [
                        {
                            "title": i.title,
                            "unit": i.unit or "",
                            "baseline": self.number(i.baseline),
                            "target": self.number(i.target),
                            "actual": self.number(actual(i)),
                            "due": self.date(i.due),
                        }
                        for i in indicators
                    ],
                    "next_steps": [
                        self._step(s, None) for s in project.next_steps if self.visible(s)
                    ],
                }
            )
        return out

    def _sheet_rows(self, project: Project, entry: Entry | None) -> list[tuple[str, list[str]]]:
        """The sheet's rows in DigitalAgentur Brandenburg's order; a row may have no lines.

        Rank and weighted score stand in the row "Priorität" they explain, status
        and progress in one row "Stand": a typical sheet then fits one A4 page.
        """
        t = self.t
        figure = self.progress.get(project.id)
        fields = self._field_titles(project)
        state = [label(f"lifecycle.{project.status.value}", self.lang)]
        if figure is not None:
            state.append(format_percent(figure, self.lang))
        return [
            (t["description"], [project.description or ""]),
            (t["sheet_goal"], [project.goal or ""]),
            (t["strategy_goals"], self._goals(project)),
            # "Handlungsfeld" for one: the sheet names what it holds.
            (t["field"] if len(fields) == 1 else t["fields_of_action"], [", ".join(fields)]),
            (t["lead"], [self.owner(project.lead)]),
            (t["stakeholders"], [", ".join(project.stakeholders)]),
            (t["priority"], [self._priority_window(entry)]),
            (t["period"], [self.period(project.start, project.end)]),
            (t["costs"], self._costs(project)),
            (t["funding"], self._funding(project)),
            (t["risks"], list(project.risks)),
            (t["depends_on"], self._titles(list(dict.fromkeys(project.depends_on)))),
            (t["sheet_state"], [SHEET_JOIN.join(state)]),
            (t["parent_measure"], self._titles([project.parent] if project.parent else [])),
            (t["sub_measures"], self._sub_measures(project)),
        ]

    def _priority_window(self, entry: Entry | None) -> str:
        """``hoch* – Beginn sofort · Rang 1 (Nutzwert 77,5 von 100)``: priority, start window, rank.

        Each part only when known; ``*`` marks a derived priority (the note under the sheet).
        """
        parts = []
        if entry is not None and entry.priority is not None:
            text = self.t[f"prio_{entry.priority.value}"]
            parts.append(f"{text}*" if entry.priority_derived else text)
        if entry is not None and entry.horizon is not None:
            parts.append(self.t[f"start_{entry.horizon.value}"])
        window = " – ".join(parts)
        # Without criteria every project ties at rank 1 with 0 points: a rank that says nothing.
        if entry is None or not entry.rank or not self.ranking.criteria:
            return window
        rank = self.t["sheet_rank"].format(
            rank=entry.rank, score=_points(entry.score, self.lang) or "0"
        )
        return SHEET_JOIN.join(part for part in (window, rank) if part)

    def period(self, start: Period | None, end: Period | None) -> str:
        """``1. Quartal 2027 – 4. Quartal 2028`` (:func:`strategy_kit.present.i18n.format_period`)."""
        return format_period(start, end, self.lang)

    def _goals(self, project: Project) -> list[str]:
        """The strategy goals' titles; their ids when the strategy file is not at hand."""
        if self.goal_titles is None:
            return list(project.goals)
        return [self.goal_titles.get(g, g) for g in project.goals]

    def _titles(self, ids: list[str]) -> list[str]:
        """Titles of the projects with these ids that this edition shows."""
        shown = {p.id: p for p in self.doc.projects if self.visible(p)}
        return [shown[i].title for i in ids if i in shown]

    def _costs(self, project: Project) -> list[str]:
        costs = project.costs
        if costs is None:
            return []
        lines = []
        if costs.one_off is not None:
            lines.append(f"{self.t['costs_one_off']}: {_money(costs.one_off, self.lang)}")
        if costs.yearly is not None:
            lines.append(f"{self.t['costs_yearly']}: {_money(costs.yearly, self.lang)}")
        return [*lines, costs.note or ""]

    def _funding(self, project: Project) -> list[str]:
        funding = project.funding
        if funding is None:
            return []
        lines = []
        if funding.budget is not None:
            lines.append(f"{self.t['budget']}: {_money(funding.budget, self.lang)}")
        for s in funding.sources:
            text = self.t[f"fund_{s.kind}"]
            if s.name:
                text += f": {s.name}"
            if s.amount is not None:
                text += f" ({_money(s.amount, self.lang)})"
            lines.append(text)
        return [*lines, funding.note or ""]

    def _sub_measures(self, project: Project) -> list[str]:
        out = []
        for part in self.projects():
            if part.parent != project.id:
                continue
            figure = self.progress.get(part.id) if part.status in DECIDED else None
            share = f", {format_percent(figure, self.lang)}" if figure is not None else ""
            status = label(f"lifecycle.{part.status.value}", self.lang)
            out.append(f"{part.title} ({status}{share})")
        return out

    def roadmap(self) -> dict[str, Any] | None:
        """The measure plan: a chart by quarter (or year) and its rows; None when nothing is dated.

        Measures with a sheet and those done (:data:`ROADMAP_STATUSES`),
        grouped by their first field of action. ``rows``: field, measure,
        start, end, status as text (the Markdown and Word table);
        ``milestones``: every milestone by date as ``{"date", "measure",
        "title", "done", "state"}`` (``state`` is ✓ when reached), the table
        that names the chart's diamonds, and ``reached`` whether one is (its
        column "erreicht"); ``undated``: titles of measures without start, end or milestone;
        ``several``: whether a measure is in more than one field (the note
        that it stands under its first).
        """
        chosen = [p for p in self.projects() if p.status in ROADMAP_STATUSES]
        milestones = {p.id: [m for m in p.milestones if self.visible(m)] for p in chosen}
        dated = [p for p in chosen if p.start or p.end or milestones[p.id]]
        if not dated:
            return None
        group_order = {f.id: i for i, f in enumerate(self.doc.fields_of_action)}

        def field_of(project: Project) -> str | None:
            return next((f for f in project.fields if f in self.fields_by_id), None)

        def begins(project: Project) -> dt.date:
            days = [first_day(project.start)] if project.start else []
            days += [m.date for m in milestones[project.id]]
            if project.end:
                days.append(last_day(project.end))
            return min(days)

        dated.sort(
            key=lambda p: (group_order.get(field_of(p) or "", len(group_order)), begins(p))
        )
        bars = []
        rows = []
        # (day, order in the plan, measure, milestone): the milestones' table, by date.
        timeline: list[tuple[dt.date, int, str, Any]] = []
        for project in dated:
            field = field_of(project)
            group = self.fields_by_id[field].title if field else self.t["roadmap_no_field"]
            period = self.period(project.start, project.end)
            status = label(f"lifecycle.{project.status.value}", self.lang)
            marks = sorted(milestones[project.id], key=lambda m: m.date)
            bars.append(
                charts.RoadmapBar(
                    group=group,
                    label=project.title,
                    start=first_day(project.start) if project.start else None,
                    end=last_day(project.end) if project.end else None,
                    status=project.status.value,
                    status_text=status,
                    period=period or self.t["none"],  # a dash would read as "nothing"
                    milestones=tuple(
                        charts.RoadmapMilestone(m.date, self.date(m.date, "long"), m.title, m.done)
                        for m in marks
                    ),
                )
            )
            rows.append(
                {
                    "field": group,
                    "title": project.title,
                    "start": format_point(project.start, self.lang) if project.start else self.t["none"],
                    "end": format_point(project.end, self.lang) if project.end else self.t["none"],
                    "status": status,
                }
            )
            timeline += [(m.date, len(timeline), project.title, m) for m in marks]
        statuses = {s.value: label(f"lifecycle.{s.value}", self.lang) for s in ROADMAP_STATUSES}
        svg = charts.roadmap_chart(
            bars,
            charts.RoadmapLabels(
                title=self.t["roadmap_chart"],
                title_years=self.t["roadmap_chart_years"],
                today=self.t["roadmap_today"],
                milestone_open=self.t["roadmap_milestone_open"],
                milestone_done=self.t["roadmap_milestone_done"],
                quarter=self.t["roadmap_quarter"],
                statuses=statuses,
                open_end=self.t["roadmap_open_end"],
                open_start=self.t["roadmap_open_start"],
                open_both=self.t["roadmap_open_both"],
            ),
            today=self.today,
        )
        timeline.sort(key=lambda item: (item[0], item[1]))
        return {
            "svg": svg,
            "rows": rows,
            "milestones": [
                {
                    "date": self.date(day, "long"),
                    "measure": measure,
                    "title": mark.title,
                    "done": mark.done,
                    "state": "✓" if mark.done else "",
                }
                for day, _, measure, mark in timeline
            ],
            "reached": any(item[3].done for item in timeline),
            "undated": [p.title for p in chosen if p not in dated],
            "several": any(len([f for f in p.fields if f in self.fields_by_id]) > 1 for p in dated),
        }

    def _status(self, project: Project) -> str:
        """``in Umsetzung, 43,3 %``: the status with the progress ``status`` and the exports show."""
        status = label(f"lifecycle.{project.status.value}", self.lang)
        figure = self.progress[project.id]
        return status if figure is None else f"{status}, {format_percent(figure, self.lang)}"

    def _step(self, step: Any, project: Project | None) -> dict[str, Any]:
        return {
            "action": step.action,
            "owner": self.owner(step.owner),
            "due": self.date(step.due),
            "done": step.done,
            "state": self.t["done"] if step.done else self.t["open"],
            "project": project.title if project else "",
        }

    def next_steps(self) -> dict[str, Any]:
        steps: list[tuple[dt.date, int, dict[str, Any]]] = []
        for project in self.projects():
            for step in project.next_steps:
                if self.visible(step):
                    steps.append((step.due or dt.date.max, len(steps), self._step(step, project)))
        steps.sort(key=lambda s: (s[0], s[1]))
        follow_ups = [
            {
                "title": f.title,
                "date": self.date(f.date) or self.t["none"],
                "audience": f.audience or "",
                "description": f.description or "",
            }
            for f in self.doc.follow_ups
            if self.visible(f)
        ]
        return {"steps": [s[2] for s in steps], "follow_ups": follow_ups}

    def restricted(self) -> bool:
        """Whether this (internal) edition shows what a public one would leave out."""
        if self.public:
            return False
        doc = self.doc
        named = any((p.name or p.email) and not p.public for p in doc.participants)
        items: list[Any] = [*doc.projects, *doc.follow_ups]
        for project in doc.projects:
            items += [*project.indicators, *project.next_steps]
        for day in doc.days:
            for block in day.blocks:
                items += [*block.sessions, *block.photos]
                for session in block.sessions:
                    items += session.photos
        return named or any(getattr(item, "internal", False) for item in items)

    def sections(self) -> list[Section]:
        """The chapters with content in :data:`SECTIONS` order, numbered from 1 without gaps.

        A chapter whose content its spec finds empty is left out; the table of
        contents then lists the chapters that are left.
        """
        out = []
        number = 0
        for spec in SECTIONS:
            content = spec.build(self)
            if content is None or not spec.shown(content):  # a chapter without content is left out
                continue
            if spec.title is None:
                out.append(Section(spec.id, None, "", content))
                continue
            numeral = None
            if spec.numbered:
                number += 1
                numeral = number
            out.append(Section(spec.id, numeral, label(spec.title, self.lang), content))
        entries = [
            {"number": s.number or "", "title": s.title, "anchor": s.anchor}
            for s in out
            if s.title and s.id != "contents"
        ]
        return [Section(s.id, s.number, s.title, entries) if s.id == "contents" else s for s in out]

    def build(self) -> dict[str, Any]:
        sections = self.sections()
        return {
            "lang": self.lang,
            "public": self.public,
            "restricted": self.restricted(),
            "as_of": self.date(self.frame.date, "long"),
            "t": self.t,
            "sections": sections,
            # Each section's content under its id too: section templates say ``goal.days``.
            **{section.id: section.content for section in sections},
        }


@dataclass(frozen=True)
class SectionSpec:
    """Where a chapter comes from: its id, its heading's label key, what builds its content."""

    id: str
    #: A key of :mod:`strategy_kit.present.labels`; ``None`` for the unnumbered cover.
    title: str | None
    build: Callable[[_Context], Any]
    #: Whether the built content is worth a chapter; one without content is left out.
    shown: Callable[[Any], bool] = bool
    #: Chapters of the frame (contents, summary, imprint) carry no number.
    numbered: bool = True


def _always(content: Any) -> bool:
    return True


def _ranked(content: dict[str, Any]) -> bool:
    return bool(
        content["rows"] or content["knocked_out"] or content["incomplete"] or content["apart"]
    )


def _scheduled(content: dict[str, Any]) -> bool:
    return bool(content["steps"] or content["follow_ups"])


#: The report's chapters in order: the one place HTML, Markdown, Word and PDF take them from.
SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("cover", None, _Context.cover, _always),
    # Filled in by ``sections`` from the chapters that are shown.
    SectionSpec("contents", "report.contents", lambda context: [], _always, numbered=False),
    SectionSpec("summary", "report.sec_summary", _Context.summary, _always, numbered=False),
    SectionSpec("goal", "report.sec_goal", _Context.goal, _always),
    SectionSpec(
        "participants",
        "report.sec_participants",
        _Context.participants,
        lambda content: content["total"] > 0,
    ),
    SectionSpec(
        "situation", "report.sec_situation", _Context.situation, lambda content: content["rows"]
    ),
    SectionSpec("fields", "report.sec_fields", _Context.fields),
    SectionSpec("ranking", "report.sec_ranking", _Context.ranking_section, _ranked),
    # The plan before the sheets: a council sees the whole timeline, then each measure.
    SectionSpec("roadmap", "report.sec_roadmap", _Context.roadmap),
    SectionSpec("sheets", "report.sec_sheets", _Context.sheets),
    SectionSpec("next_steps", "report.sec_next", _Context.next_steps, _scheduled),
    SectionSpec("imprint", "report.sec_imprint", _Context.imprint, _always, numbered=False),
)


def build_context(
    document: WorkshopDocument,
    *,
    lang: str | None = None,
    public: bool | None = None,
    progress: Figures | None = None,
    include_started: bool = False,
    strategy: StrategyDocument | None = None,
    today: dt.date | None = None,
    frame: Frame | None = None,
) -> dict[str, Any]:
    """The template context; ``lang``, ``public`` as :mod:`strategy_kit.document.options` resolves them.

    ``progress``: the portfolio's figures (:func:`strategy_kit.compute.progress.figures`),
    by default over the document's own projects. ``include_started``: rank projects in
    progress and done too (``report --all``; see :mod:`strategy_kit.compute.prioritise`).
    ``strategy``: the workshop's strategy file, whose goals the measure sheets name
    by title (without it, by id). ``today``: the roadmap's line; by default the
    report's date (Stand). ``frame``: the date, logo and photos read from beside
    the file (:func:`strategy_kit.present.assets.load_frame`); without it no image
    is shown and the date is ``report.document.date`` or today.
    """
    language = resolve_lang(document, lang)
    shown = resolve_public(document, public)
    ranking = rank_document(document, public=shown, include_started=include_started)
    return _Context(document, ranking, language, shown, progress, strategy, today, frame).build()


def measure_sheets(
    document: WorkshopDocument,
    *,
    lang: str,
    public: bool,
    statuses: tuple[Status, ...],
    strategy: StrategyDocument | None = None,
    today: dt.date,
    order: Sequence[str] = (),
) -> tuple[LabelTable, list[dict[str, Any]]]:
    """The report's labels and the measure sheets of ``document``'s projects in ``statuses``.

    The same sheets as the workshop report's chapter (:meth:`_Context.sheets`:
    rows in DigitalAgentur Brandenburg's order, ranking order), for another
    document that annexes them, such as the implementation report with the
    repository's portfolio (:meth:`strategy_kit.check.repository.Repository.as_document`);
    ``today`` is the document's date (Stand); ``order`` the ids in the order
    the document lists its measures (else ranking order). Public: nothing
    internal, no names.
    """
    ranking = rank_document(document, public=public, include_started=True)
    context = _Context(document, ranking, lang, public, None, strategy, today, Frame(date=today))
    return context.t, context.sheets(statuses, order)


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def report_data(
    document: WorkshopDocument,
    *,
    lang: str | None = None,
    public: bool | None = None,
    progress: Figures | None = None,
    include_started: bool = False,
) -> dict[str, Any]:
    """The machine-readable report: the computed ranking with its breakdown, for other tools.

    ``progress`` and ``include_started`` as in :func:`build_context`. Besides the
    ranking: ``apart`` (in progress, done or dropped; no rank, no points) and
    ``sub_projects`` (without scores, each with its ``parent``; null when the
    parent is not in this edition).
    """
    language = resolve_lang(document, lang)
    shown = resolve_public(document, public)
    r = rank_document(document, public=shown, include_started=include_started)
    listed = {e.project.id for e in r.entries}
    figure = (progress or figures(document.projects)).projects

    def entry(e: Entry) -> dict[str, Any]:
        return {
            "rank": e.rank,
            "tied": e.tied,
            "project": e.project.id,
            "title": e.project.title,
            "fields": list(e.project.fields),
            "score": _r(e.score),
            "votes": e.project.votes,
            "status": e.project.status.value,
            "progress": figure[e.project.id],
            "priority": e.priority.value if e.priority else None,
            "priority_derived": e.priority_derived,
            "horizon": e.horizon.value if e.horizon else None,
            "horizon_derived": e.horizon_derived,
            "impact": _r(e.impact),
            "effort": _r(e.effort),
            "quadrant": e.quadrant.value if e.quadrant else None,
            "breakdown": [
                {
                    "criterion": c.criterion,
                    "kind": c.kind,
                    "weight": c.weight,
                    "score": c.score,
                    "normalised": _r(c.normalised),
                    "points": _r(c.points),
                }
                for c in e.contributions
            ],
            "knockouts": [
                {"criterion": k.criterion, "score": k.score, "threshold": k.threshold}
                for k in e.knockouts
            ],
            "missing": list(e.missing),
        }

    return {
        "format": "strategy-kit-report",
        "version": 1,
        "language": language,
        "public": shown,
        "municipality": document.municipality.name,
        "workshop": document.workshop.title,
        "dates": [day.date.isoformat() for day in document.days],
        "method": {
            "include_started": r.include_started,
            "votes": r.votes,
            "votes_weight": r.votes_weight,
            "impact": r.impact.id if r.impact else None,
            "effort": r.effort.id if r.effort else None,
            "criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "weight": c.weight,
                    "direction": c.direction,
                    "knockout": c.knockout,
                    "threshold": c.threshold,
                    "scale": {"min": c.scale.min, "max": c.scale.max},
                }
                for c in document.criteria
            ],
        },
        "ranking": [entry(e) for e in r.ranked],
        "knocked_out": [entry(e) for e in r.knocked_out],
        "incomplete": [entry(e) for e in r.incomplete],
        "apart": [entry(e) for e in r.apart],
        "sub_projects": [
            {**entry(e), "parent": e.project.parent if e.project.parent in listed else None}
            for e in r.sub_projects
        ],
        "fields_by_priority": {p.value: ids for p, ids in r.fields_by_priority().items()},
    }


def render_report(
    document: WorkshopDocument,
    *,
    format: Format = "html",
    lang: str | None = None,
    public: bool | None = None,
    templates: Path | None = None,
    progress: Figures | None = None,
    include_started: bool = False,
    strategy: StrategyDocument | None = None,
    frame: Frame | None = None,
) -> str:
    """The whole report as text in ``format``; ``progress``, ``include_started``, ``strategy``, ``frame`` as in :func:`build_context`."""
    if format == "json":
        data = report_data(
            document, lang=lang, public=public, progress=progress, include_started=include_started
        )
        return json_text(data) + "\n"
    from markupsafe import Markup

    from strategy_kit.present.render import render, safe_svg

    context = build_context(
        document,
        lang=lang,
        public=public,
        progress=progress,
        include_started=include_started,
        strategy=strategy,
        frame=frame,
    )
    if format == "html":
        from strategy_kit.present.theme import css_variables, theme_for

        settings = document.report
        # The custom properties base.css reads; css_variables admits only colours and font names.
        context["theme_css"] = Markup(css_variables(theme_for(settings.style if settings else None)))
        # Only the charts are markup; they escape their own text (see charts.py).
        # A chapter without content is not in the context at all.
        if "situation" in context:
            context["situation"]["svg"] = safe_svg(context["situation"]["svg"])
        matrix = context["ranking"]["matrix"] if "ranking" in context else None
        if matrix is not None:
            matrix["svg"] = safe_svg(matrix["svg"])
        if context.get("roadmap") is not None:
            context["roadmap"]["svg"] = safe_svg(context["roadmap"]["svg"])
    return render(f"report/report.{format}.j2", context, kind=format, user_dir=templates)
