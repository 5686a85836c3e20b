"""Every word strategy-kit shows a reader, in German and English, in one table.

A key is ``<document>.<name>``: ``agenda.day``, ``report.ranking``,
``export.title``, ``rollup.overdue``, ``diff.project-added``, ``pdf.page``;
``lifecycle.<status>`` names a project's status wherever it appears, and
``clock.range`` a span of clock times ("09:00–09:45 Uhr"). The same
word may read differently in two documents (a session's "Leitung" in the
agenda, a project's "Federführung" in the report), so each document has its
own namespace and a change of wording in one cannot leak into another.

Code looks a label up with :func:`label`; a template gets one document's labels
as a mapping from :func:`table`. An unknown key or language raises: a missing
label must fail a test, never show a raw key to a town hall.

The wording follows one set of rules (docs/language.md says the same for users):

* People and roles, German: a neutral form where one exists ("Mitarbeitende",
  "Fachbereichsleitung", "Moderation", "Ratsmitglied"); otherwise the paired
  form joined by "oder", the feminine first ("Bürgermeisterin oder
  Bürgermeister"). No short forms with slash, colon, asterisk or capital I
  ("Bürgermeister/in", "Bürgermeister:in"): screen readers read them out as
  punctuation or a pause. An office that the law gives to women keeps its
  legal title ("Gleichstellungsbeauftragte", Bundesgleichstellungsgesetz).
* One term per thing: "Handlungsfeld" (field of action), "Maßnahme" for a
  project in every document (measure), "Zeithorizont" for a project's
  horizon (time horizon; "Zeitraum" only for a real date range), "Nutzwert"
  for the weighted score out of 100 (weighted score), "Teilnutzwert" for a
  criterion's part of it, "Stimmen" for dot votes (votes). "Punkte" never
  names the weighted score: people "kleben Punkte" when they vote.
* A missing value reads the same everywhere: ``report.none`` ("keine Angabe",
  "not stated"), never a dash, "nicht festgelegt" or an empty cell. A dash in
  an official German table means "nothing" (zero), not "not stated", and a
  screen reader may skip it. A cell that does not apply to its row (a knock-out
  criterion's weight, an agenda break's lead) stays empty; an empty list says
  what is not there ("keine Maßnahme").
* A count takes the number of what it counts: "1 Idee", "2 Ideen", "2 Kandidaten"
  (:func:`count_label`, the plurals in :data:`PLURALS`).
* English is British administrative English: "field of action", "measure",
  "weighted score", "votes", "prioritised".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

#: The languages every label is written in; German first.
LANGUAGES: Final = ("de", "en")


class UnknownLabel(KeyError):
    """A label key that is not in :data:`LABELS` (a typo in code or in a template)."""

    def __str__(self) -> str:
        return str(self.args[0])


#: How a missing value reads in every document (``report.none``); older keys name the same text.
_NONE: Final[Mapping[str, str]] = {"de": "keine Angabe", "en": "not stated"}

#: ``key -> {"de": text, "en": text}``. Keys are ``<namespace>.<name>``.
LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    # -- lifecycle
    "lifecycle.idea": {"de": "Idee", "en": "idea"},
    "lifecycle.candidate": {"de": "Kandidat", "en": "candidate"},
    "lifecycle.prioritised": {"de": "priorisiert", "en": "prioritised"},
    "lifecycle.planned": {"de": "geplant", "en": "planned"},
    "lifecycle.in-progress": {"de": "in Umsetzung", "en": "in progress"},
    "lifecycle.done": {"de": "erledigt", "en": "done"},
    "lifecycle.dropped": {"de": "verworfen", "en": "dropped"},

    # -- clock
    "clock.range": {"de": "{start}–{end} Uhr", "en": "{start}–{end}"},
    # On the day of a switch to or from summer time each time carries its zone instead of "Uhr".
    "clock.range_zoned": {"de": "{start}–{end}", "en": "{start}–{end}"},
    "clock.at": {"de": "{time} Uhr", "en": "{time}"},
    "clock.zoned": {"de": "{time} {zone}", "en": "{time} {zone}"},
    # Central European (Summer) Time, as German writes it (MEZ, MESZ); other zones keep tzname.
    "clock.zone.CET": {"de": "MEZ", "en": "CET"},
    "clock.zone.CEST": {"de": "MESZ", "en": "CEST"},

    # -- agenda
    "agenda.agenda": {"de": "Agenda", "en": "Agenda"},
    "agenda.time": {"de": "Zeit", "en": "Time"},
    "agenda.block": {"de": "Block", "en": "Block"},
    "agenda.session": {"de": "Einheit", "en": "Session"},
    "agenda.method": {"de": "Methode", "en": "Method"},
    "agenda.lead": {"de": "Leitung", "en": "Lead"},
    "agenda.track": {"de": "Parallel", "en": "Track"},
    "agenda.kind": {"de": "Art", "en": "Kind"},
    "agenda.goal": {"de": "Ziel", "en": "Goal"},
    # A session's planned outputs: the agenda is a plan (the report shows results).
    "agenda.outputs": {"de": "Erwartete Ergebnisse", "en": "Expected outputs"},
    "agenda.venue": {"de": "Ort", "en": "Venue"},
    "agenda.day": {"de": "Tag", "en": "Day"},
    "agenda.working": {"de": "Arbeitszeit", "en": "Working time"},
    "agenda.breaks": {"de": "Pausen", "en": "Breaks"},
    "agenda.plenary": {"de": "Plenum", "en": "Plenary"},
    "agenda.group": {"de": "Gruppen", "en": "Groups"},
    "agenda.idle": {"de": "ungeplant", "en": "unplanned"},
    "agenda.planned_end": {"de": "geplantes Ende", "en": "planned end"},
    "agenda.overrun": {"de": "überzieht um", "en": "overruns by"},
    # {time} is a clock time with "Uhr" or its zone ("16:00 Uhr"), {buffer} minutes ("30 min").
    "agenda.programme_until": {
        "de": "Programmende {time}, {buffer} Puffer",
        "en": "programme ends {time}, {buffer} buffer",
    },
    "agenda.absent": {"de": "nicht anwesend", "en": "not present"},
    "agenda.facilitator_edition": {"de": "Fassung für die Moderation", "en": "Facilitator's edition"},
    "agenda.now": {"de": "jetzt", "en": "now"},
    "agenda.description": {"de": "Beschreibung", "en": "Description"},
    "agenda.kind.plenary": {"de": "Plenum", "en": "Plenary"},
    "agenda.kind.keynote": {"de": "Keynote", "en": "Keynote"},
    "agenda.kind.input": {"de": "Impuls", "en": "Input"},
    "agenda.kind.group-work": {"de": "Gruppenarbeit", "en": "Group work"},
    "agenda.kind.break": {"de": "Pause", "en": "Break"},
    "agenda.kind.other": {"de": "Sonstiges", "en": "Other"},

    # -- report
    "report.report": {"de": "Ergebnisbericht", "en": "Results report"},
    "report.contents": {"de": "Inhalt", "en": "Contents"},
    "report.municipality": {"de": "Kommune", "en": "Municipality"},
    "report.state": {"de": "Bundesland", "en": "Federal state"},
    "report.workshop": {"de": "Workshop", "en": "Workshop"},
    "report.kind": {"de": "Format", "en": "Format"},
    "report.dates": {"de": "Termin", "en": "Dates"},
    "report.venue": {"de": "Ort", "en": "Venue"},
    "report.public_edition": {"de": "Öffentliche Fassung", "en": "Public edition"},
    "report.internal_edition": {
        "de": "Interne Fassung: enthält Namen oder interne Angaben, nicht zur Veröffentlichung",
        "en": "Internal edition: contains names or internal details, not for publication",
    },
    "report.kind_kick-off": {"de": "Auftaktworkshop", "en": "Kick-off workshop"},
    "report.kind_design-sprint": {"de": "Design-Sprint", "en": "Design sprint"},
    "report.kind_follow-up": {"de": "Folgeworkshop", "en": "Follow-up workshop"},
    "report.kind_other": {"de": "Workshop", "en": "Workshop"},
    "report.sec_goal": {"de": "Zielsetzung und Ablauf", "en": "Goal and process"},
    "report.sec_participants": {"de": "Teilnehmende", "en": "Participants"},
    "report.sec_situation": {"de": "Ausgangssituation", "en": "Starting situation"},
    "report.sec_fields": {"de": "Handlungsfelder", "en": "Fields of action"},
    "report.sec_ranking": {"de": "Priorisierung der Maßnahmen", "en": "Prioritisation of measures"},
    "report.sec_sheets": {"de": "Maßnahmensteckbriefe", "en": "Measure sheets"},
    "report.sec_next": {
        "de": "Nächste Schritte und Folgetermine",
        "en": "Next steps and follow-ups",
    },
    "report.goal": {"de": "Zielsetzung", "en": "Central goal"},
    "report.process": {"de": "Ablauf", "en": "Process"},
    "report.block_goal": {"de": "Ziel", "en": "Aim"},
    "report.results": {"de": "Ergebnisse", "en": "Results"},
    # A session in the report: its results, else its planned outputs as what it was for.
    "report.purpose": {"de": "Ziel", "en": "Purpose"},
    "report.no_results": {"de": "Keine Ergebnisse festgehalten.", "en": "No results recorded."},
    "report.participants_total": {"de": "Teilnehmende insgesamt", "en": "Participants in total"},
    "report.by_department": {"de": "Nach Fachbereich", "en": "By department"},
    "report.by_function": {"de": "Nach Funktion", "en": "By function"},
    "report.count": {"de": "Anzahl", "en": "Count"},
    "report.several_functions": {
        "de": "Eine Person kann mehrere Funktionen haben.",
        "en": "A person may hold several functions.",
    },
    "report.department": {"de": "Fachbereich", "en": "Department"},
    "report.function": {"de": "Funktion", "en": "Function"},
    "report.no_department": {"de": "Ohne Fachbereich", "en": "No department"},
    "report.external": {"de": "Extern", "en": "External"},
    "report.no_function": {"de": "Ohne Angabe", "en": "Not stated"},
    "report.list_of_participants": {"de": "Teilnehmende", "en": "List of participants"},
    "report.person": {"de": "Person", "en": "Person"},
    "report.role": {"de": "Rolle", "en": "Role"},
    "report.unit": {"de": "Fachbereich / Organisation", "en": "Department / organisation"},
    "report.email": {"de": "E-Mail", "en": "E-mail"},
    "report.privacy_note": {
        "de": "Namen nur mit Einwilligung der Person; sonst steht die Rolle.",
        "en": "Names only with the person's consent; otherwise the role is shown.",
    },
    "report.public_participants_note": {
        "de": "Die öffentliche Fassung nennt weder einzelne Teilnehmende noch ihre Funktionen, nur die Zahl je Fachbereich.",
        "en": "The public edition names neither individual participants nor their functions, only the number per department.",
    },
    # Roles: neutral where German has a neutral form, else the pair joined by "oder" (see the top).
    "report.fn_mayor": {"de": "Bürgermeisterin oder Bürgermeister", "en": "Mayor"},
    "report.fn_department-head": {"de": "Fachbereichsleitung", "en": "Head of department"},
    "report.fn_data-protection-officer": {
        "de": "Datenschutzbeauftragte oder Datenschutzbeauftragter",
        "en": "Data protection officer",
    },
    "report.fn_staff-council": {"de": "Personalrat", "en": "Staff council"},
    # The Bundesgleichstellungsgesetz and most Länder's laws give this office to a woman.
    "report.fn_equality-officer": {"de": "Gleichstellungsbeauftragte", "en": "Equality officer"},
    "report.fn_it": {"de": "IT", "en": "IT"},
    "report.fn_digital-officer": {
        "de": "Digitalisierungsbeauftragte oder Digitalisierungsbeauftragter",
        "en": "Digital officer",
    },
    "report.fn_external-expert": {"de": "Externe Fachleute", "en": "External expert"},
    "report.fn_facilitator": {"de": "Moderation", "en": "Facilitation"},
    "report.fn_council-member": {"de": "Ratsmitglied", "en": "Council member"},
    "report.fn_citizen": {"de": "Bürgerin oder Bürger", "en": "Resident"},
    "report.fn_staff": {"de": "Mitarbeitende", "en": "Staff"},
    "report.maturity_title": {
        "de": "Reifegrad je Handlungsfeld (0–5)",
        "en": "Maturity per field of action (0–5)",
    },
    "report.current": {"de": "Ist", "en": "Current"},
    "report.target": {"de": "Soll", "en": "Target"},
    "report.gap": {"de": "Abstand", "en": "Gap"},
    "report.field": {"de": "Handlungsfeld", "en": "Field of action"},
    "report.no_maturity": {
        "de": "Für kein Handlungsfeld ist ein Reifegrad erfasst.",
        "en": "No maturity has been recorded for any field of action.",
    },
    "report.goals": {"de": "Ziele", "en": "Goals"},
    "report.projects": {"de": "Maßnahmen", "en": "Measures"},
    "report.no_projects": {"de": "Noch keine Maßnahmen.", "en": "No measures yet."},
    "report.rank_short": {"de": "Rang", "en": "Rank"},
    "report.ranking": {"de": "Rangfolge", "en": "Ranking"},
    "report.rank": {"de": "Rang", "en": "Rank"},
    "report.project": {"de": "Maßnahme", "en": "Measure"},
    # The weighted score of the Nutzwertanalyse (0 to 100); never "Punkte", which are dot votes.
    "report.points": {"de": "Nutzwert", "en": "Weighted score"},
    # The weighted score's column in the terminal's 80 columns (rank).
    "report.points_short": {"de": "Nutzwert", "en": "Score"},
    # After a weighted score: "77,5 von 100".
    "report.points_unit": {"de": "von 100", "en": "out of 100"},
    "report.votes": {"de": "Stimmen", "en": "Votes"},
    # The column of the share votes earn as a criterion, beside the column of the votes themselves.
    "report.votes_points": {"de": "Stimmen (Teilnutzwert)", "en": "Votes (share of score)"},
    "report.priority": {"de": "Priorität", "en": "Priority"},
    "report.quadrant": {"de": "Quadrant", "en": "Quadrant"},
    "report.criteria": {"de": "Kriterien", "en": "Criteria"},
    "report.criterion": {"de": "Kriterium", "en": "Criterion"},
    "report.criterion_short": {"de": "K", "en": "C"},
    "report.criterion_key": {"de": "Kürzel", "en": "Key"},
    "report.weight": {"de": "Gewicht", "en": "Weight"},
    "report.scale": {"de": "Skala", "en": "Scale"},
    "report.direction": {"de": "Richtung", "en": "Direction"},
    "report.dir_benefit": {"de": "Nutzen (hoch ist gut)", "en": "Benefit (high is good)"},
    "report.dir_cost": {"de": "Kosten (niedrig ist gut)", "en": "Cost (low is good)"},
    "report.dir_knockout": {"de": "K.-o.-Kriterium", "en": "Knock-out criterion"},
    "report.method": {
        "de": (
            "Nutzwertanalyse: Jede Bewertung wird auf ihrer Skala auf 0 bis 1 umgerechnet "
            "(bei Kosten-Kriterien umgekehrt: weniger Aufwand zählt mehr) und mit dem Gewicht "
            "gewichtet; der Nutzwert einer Maßnahme liegt zwischen 0 und 100. K.-o.-Kriterien "
            "filtern vorab und tragen nichts zum Nutzwert bei. Die Tabelle zeigt je Kriterium "
            "den Teilnutzwert; zusammen ergeben sie den Nutzwert."
        ),
        "en": (
            "Weighted scoring: each score is scaled to 0 to 1 on its criterion's scale "
            "(inverted for cost criteria: less effort counts more) and weighted; a measure's "
            "weighted score lies between 0 and 100. Knock-out criteria filter first and add "
            "nothing to the score. The table shows each criterion's share; the shares add up "
            "to the weighted score."
        ),
    },
    "report.votes_tie-breaker": {
        "de": "Bei gleichem Nutzwert entscheiden die Stimmen.",
        "en": "Votes break ties between equal weighted scores.",
    },
    "report.votes_criterion": {
        "de": "Die Stimmen zählen als Kriterium (bezogen auf die meisten Stimmen).",
        "en": "Votes count as a criterion (relative to the most votes).",
    },
    "report.tie": {"de": "gleichauf", "en": "tied"},
    "report.columns_rule": {
        "de": "K1, K2, …: Teilnutzwert je Kriterium wie oben aufgeführt.",
        "en": "C1, C2, …: each criterion's share of the weighted score, as listed above.",
    },
    "report.priority_rule": {
        "de": (
            "Priorität, wo nicht festgelegt, aus dem Nutzwert (mit * markiert): hoch ab zwei "
            "Dritteln des höchstmöglichen Nutzwerts von 100, mittel ab einem Drittel, sonst niedrig."
        ),
        "en": (
            "Priority, where not set, follows the weighted score (marked *): high from two "
            "thirds of the highest possible score of 100, medium from one third, low below."
        ),
    },
    # Below a measure sheet, after report.priority_rule.
    "report.horizon_rule": {
        "de": (
            "Zeithorizont, wo nicht festgelegt, aus der Priorität (mit * markiert): hoch sofort, "
            "mittel innerhalb von 2 Jahren, niedrig innerhalb von 4 Jahren."
        ),
        "en": (
            "Time horizon, where not set, follows the priority (marked *): high immediate, "
            "medium within 2 years, low within 4 years."
        ),
    },
    "report.knocked_out": {"de": "Ausgeschieden (K.-o.-Kriterium)", "en": "Excluded (knock-out criterion)"},
    "report.knocked_reason": {
        "de": "Wert {score} bei {criterion}",
        "en": "score {score} for {criterion}",
    },
    "report.incomplete": {
        "de": "Nicht bewertet (fehlende Bewertungen)",
        "en": "Not ranked (missing scores)",
    },
    "report.missing": {"de": "ohne Bewertung für", "en": "no score for"},
    # What is ranked: the projects up for decision (compute/prioritise.py, rule 0).
    "report.apart": {
        "de": "Nicht zur Entscheidung (in Umsetzung, erledigt oder verworfen)",
        "en": "Not up for decision (in progress, done or dropped)",
    },
    "report.scope_rule": {
        "de": (
            "Gereiht sind die Maßnahmen, über die zu entscheiden ist; Maßnahmen in Umsetzung, "
            "erledigte und verworfene stehen gesondert."
        ),
        "en": (
            "Ranked are the measures up for decision; measures in progress, done or dropped "
            "are listed separately."
        ),
    },
    "report.scope_rule_all": {
        "de": "Auch Maßnahmen in Umsetzung und erledigte sind gereiht; verworfene stehen gesondert.",
        "en": "Measures in progress and done are ranked too; dropped ones are listed separately.",
    },
    "report.scope_option": {
        "de": "--all reiht Maßnahmen in Umsetzung und erledigte mit ein.",
        "en": "--all ranks measures in progress and done as well.",
    },
    "report.nothing_open": {
        "de": "Keine Maßnahme steht zur Entscheidung.",
        "en": "No measure is up for decision.",
    },
    "report.sub_projects": {"de": "Teilmaßnahmen", "en": "Sub-measures"},
    "report.sub_project": {"de": "Teilmaßnahme", "en": "sub-measure"},
    "report.no_ranking": {
        "de": "Noch keine Maßnahme vollständig bewertet.",
        "en": "No measure has been fully scored yet.",
    },
    "report.matrix": {"de": "Wirkungs-Aufwand-Matrix", "en": "Impact/effort matrix"},
    "report.matrix_impact": {"de": "Wirkung", "en": "Impact"},
    "report.matrix_effort": {"de": "Aufwand", "en": "Effort"},
    "report.high": {"de": "hoch", "en": "high"},
    "report.low": {"de": "niedrig", "en": "low"},
    # The impact/effort matrix in the words German consultancies use.
    "report.q_quick-win": {"de": "Schnelle Erfolge", "en": "Quick wins"},
    "report.q_major-project": {"de": "Große Vorhaben", "en": "Major projects"},
    "report.q_fill-in": {"de": "Kleinprojekte", "en": "Fill-ins"},
    "report.q_thankless": {"de": "Zurückstellen", "en": "Thankless tasks"},
    # A quadrant no ranked measure falls in.
    "report.q_empty": {"de": "keine Maßnahme", "en": "no measure"},
    "report.matrix_rule": {
        "de": "Die Mitte jeder Skala zählt als hoch.",
        "en": "The middle of each scale counts as high.",
    },
    "report.prio_high": {"de": "hoch", "en": "high"},
    "report.prio_medium": {"de": "mittel", "en": "medium"},
    "report.prio_low": {"de": "niedrig", "en": "low"},
    "report.serves": {
        "de": "Handlungsfelder nach Priorität ihrer Maßnahmen",
        "en": "Fields of action by priority of their measures",
    },
    "report.sheet": {"de": "Maßnahmensteckbrief", "en": "Measure sheet"},
    "report.sheet_goal": {"de": "Ziel und erwartete Wirkung", "en": "Goal and expected effect"},
    "report.description": {"de": "Beschreibung", "en": "Description"},
    "report.lead": {"de": "Federführung", "en": "Lead"},
    "report.stakeholders": {"de": "Beteiligte", "en": "Stakeholders"},
    "report.funding": {"de": "Finanzierung", "en": "Funding"},
    "report.budget": {"de": "Budget", "en": "Budget"},
    # The horizon (start now, within 2 or 4 years), not a date range.
    "report.time_frame": {"de": "Zeithorizont", "en": "Time horizon"},
    "report.status": {"de": "Status", "en": "Status"},
    "report.indicators": {"de": "Indikatoren", "en": "Indicators"},
    "report.indicator": {"de": "Indikator", "en": "Indicator"},
    "report.baseline": {"de": "Ausgangswert", "en": "Baseline"},
    "report.indicator_target": {"de": "Zielwert", "en": "Target"},
    "report.actual": {"de": "Istwert", "en": "Actual"},
    "report.due": {"de": "Fällig", "en": "Due"},
    "report.next_steps": {"de": "Nächste Schritte", "en": "Next steps"},
    "report.action": {"de": "Schritt", "en": "Action"},
    "report.owner": {"de": "Verantwortlich", "en": "Owner"},
    "report.done": {"de": "erledigt", "en": "done"},
    "report.open": {"de": "offen", "en": "open"},
    # The one way a missing value reads (see the top); report.not_set is an older name for it.
    "report.none": _NONE,
    "report.not_set": _NONE,
    "report.fields_of_action": {"de": "Handlungsfelder", "en": "Fields of action"},
    "report.hz_short": {"de": "sofort", "en": "immediate"},
    "report.hz_medium": {"de": "innerhalb von 2 Jahren", "en": "within 2 years"},
    "report.hz_long": {"de": "innerhalb von 4 Jahren", "en": "within 4 years"},
    "report.fund_own": {"de": "Eigenmittel", "en": "Own funds"},
    "report.fund_third-party": {"de": "Drittmittel", "en": "Third-party funds"},
    "report.fund_grant": {"de": "Fördermittel", "en": "Grant"},
    "report.fund_staff": {"de": "Personal", "en": "Staff time"},
    # -- report: the measure sheet's rows and the roadmap (Maßnahmenplan)
    "report.sec_roadmap": {"de": "Maßnahmenplan", "en": "Roadmap"},
    "report.strategy_goals": {"de": "Beitrag zu Leitzielen", "en": "Contribution to strategy goals"},
    "report.start_short": {"de": "Beginn sofort", "en": "start now"},
    "report.start_medium": {"de": "Beginn innerhalb von 2 Jahren", "en": "start within 2 years"},
    "report.start_long": {"de": "Beginn innerhalb von 4 Jahren", "en": "start within 4 years"},
    "report.quarter": {"de": "{number}. Quartal {year}", "en": "Q{number} {year}"},
    "report.period_from": {"de": "ab {start}", "en": "from {start}"},
    "report.period_until": {"de": "bis {end}", "en": "until {end}"},
    "report.milestones": {"de": "Meilensteine", "en": "Milestones"},
    "report.milestone": {"de": "Meilenstein", "en": "Milestone"},
    "report.reached": {"de": "Erreicht", "en": "Reached"},
    "report.costs": {"de": "Kosten", "en": "Costs"},
    "report.costs_one_off": {"de": "einmalig", "en": "one-off"},
    "report.costs_yearly": {"de": "jährlich", "en": "per year"},
    "report.risks": {"de": "Risiken", "en": "Risks"},
    "report.depends_on": {"de": "Abhängigkeiten", "en": "Depends on"},
    "report.progress": {"de": "Fortschritt", "en": "Progress"},
    # The sheet's row "Priorität" after the start window: "· Rang 1 (Nutzwert 77,5 von 100)".
    "report.sheet_rank": {
        # No break inside "77,5 von 100": non-breaking spaces, in every format.
        "de": "Rang {rank} (Nutzwert {score}\u00a0von\u00a0100)",
        "en": "rank {rank} (weighted score {score}\u00a0out\u00a0of\u00a0100)",
    },
    # The sheet's one row for status and progress: "priorisiert · 0 %".
    "report.sheet_state": {"de": "Stand", "en": "Status"},
    "report.parent_measure": {"de": "Übergeordnete Maßnahme", "en": "Part of"},
    "report.sub_measures": {"de": "Teilmaßnahmen", "en": "Sub-measures"},
    "report.roadmap_chart": {"de": "Maßnahmenplan nach Quartalen", "en": "Roadmap by quarter"},
    "report.roadmap_chart_years": {"de": "Maßnahmenplan nach Jahren", "en": "Roadmap by year"},
    "report.roadmap_quarter": {"de": "Q{number}", "en": "Q{number}"},
    # The roadmap's line stands at the report's date (Stand), which a printed page may be read long after.
    "report.roadmap_today": {"de": "Stand", "en": "As of"},
    "report.roadmap_milestone_open": {"de": "Meilenstein", "en": "Milestone"},
    "report.roadmap_milestone_done": {"de": "Meilenstein erreicht", "en": "Milestone reached"},
    # The roadmap's dashed bar: a measure without an end, without a start, or both in one chart.
    "report.roadmap_open_end": {"de": "offenes Ende", "en": "open end"},
    "report.roadmap_open_start": {"de": "offener Beginn", "en": "open start"},
    "report.roadmap_open_both": {"de": "offener Beginn oder offenes Ende", "en": "open start or end"},
    "report.roadmap_first_field": {
        "de": "Eine Maßnahme in mehreren Handlungsfeldern steht unter ihrem ersten.",
        "en": "A measure in several fields of action is shown under its first.",
    },
    "report.roadmap_undated": {"de": "Ohne Zeitraum", "en": "Without a period"},
    # A measure's real date range (start to end); its time horizon is report.time_frame.
    "report.period": {"de": "Zeitraum", "en": "Period"},
    "report.roadmap_no_field": {"de": "Ohne Handlungsfeld", "en": "No field of action"},
    "report.measure": {"de": "Maßnahme", "en": "Measure"},
    "report.start": {"de": "Beginn", "en": "Start"},
    "report.end": {"de": "Ende", "en": "End"},
    "report.no_sheets": {
        "de": "Noch keine priorisierten Maßnahmen.",
        "en": "No prioritised measures yet.",
    },
    "report.follow_ups": {"de": "Folgetermine", "en": "Follow-ups"},
    "report.date": {"de": "Datum", "en": "Date"},
    "report.title": {"de": "Titel", "en": "Title"},
    "report.audience": {"de": "Zielgruppe", "en": "Audience"},
    # An older name of report.none (a follow-up without a date).
    "report.open_date": _NONE,
    "report.no_next_steps": {"de": "Keine offenen Schritte.", "en": "No open steps."},
    "report.no_follow_ups": {"de": "Keine Folgetermine geplant.", "en": "No follow-ups planned."},
    "report.footer": {"de": "Erstellt mit strategy-kit", "en": "Made with strategy-kit"},
    # The report's frame: cover, summary, imprint, the internal mark, the room's results.
    "report.as_of": {"de": "Stand", "en": "As of"},
    "report.version": {"de": "Version", "en": "Version"},
    "report.doc_status": {"de": "Status", "en": "Status"},
    "report.doc_draft": {"de": "Entwurf", "en": "Draft"},
    "report.doc_proposed": {"de": "zur Beschlussfassung", "en": "For the council's decision"},
    "report.doc_adopted": {"de": "Beschlossen", "en": "Adopted"},
    "report.doc_adopted_on": {
        "de": "Beschlossen am {date} (Ratsbeschluss)",
        "en": "Adopted on {date} (council decision)",
    },
    "report.publisher": {"de": "Herausgeber", "en": "Publisher"},
    "report.contact": {"de": "Kontakt", "en": "Contact"},
    "report.facilitation": {"de": "Durchführung und Moderation", "en": "Facilitation"},
    "report.logo": {"de": "Wappen von {name}", "en": "Coat of arms of {name}"},
    "report.sec_summary": {"de": "Das Wichtigste in Kürze", "en": "Summary at a glance"},
    "report.sec_imprint": {"de": "Impressum", "en": "Imprint"},
    "report.top_projects": {"de": "Die wichtigsten Maßnahmen", "en": "Top measures"},
    "report.coming_up": {"de": "Wie es weitergeht", "en": "What comes next"},
    "report.internal_mark": {
        "de": "Interne Fassung – nicht zur Veröffentlichung",
        "en": "Internal edition – not for publication",
    },
    "report.photo": {"de": "Foto", "en": "Photo"},

    # -- implementation report (report strategy.yaml): a strategy repository over a report period
    "implementation.title": {"de": "Umsetzungsbericht", "en": "Implementation report"},
    "implementation.named": {"de": "Umsetzungsbericht {title}", "en": "Implementation report: {title}"},
    "implementation.period": {"de": "Berichtszeitraum", "en": "Reporting period"},
    "implementation.as_of": {"de": "Stand", "en": "As of"},
    "implementation.municipality": {"de": "Kommune", "en": "Municipality"},
    "implementation.public_edition": {"de": "Öffentliche Fassung", "en": "Public edition"},
    "implementation.version": {"de": "Version", "en": "Version"},
    "implementation.publisher": {"de": "Herausgeber", "en": "Publisher"},
    "implementation.contact": {"de": "Kontakt", "en": "Contact"},
    "implementation.contents": {"de": "Inhalt", "en": "Contents"},
    "implementation.sec_summary": {"de": "Das Wichtigste in Kürze", "en": "Summary at a glance"},
    "implementation.sec_goals": {"de": "Leitbild und Leitziele", "en": "Vision and goals"},
    "implementation.sec_fields": {"de": "Handlungsfelder", "en": "Fields of action"},
    "implementation.sec_measures": {"de": "Maßnahmen", "en": "Measures"},
    "implementation.sec_changes": {"de": "Änderungen im Berichtszeitraum", "en": "Changes in the reporting period"},
    "implementation.sec_overdue": {"de": "Überfällige nächste Schritte", "en": "Overdue next steps"},
    "implementation.measures": {"de": "Maßnahmen", "en": "Measures"},
    "implementation.measure": {"de": "Maßnahme", "en": "Measure"},
    "implementation.lights": {"de": "Ampel", "en": "Traffic lights"},
    "implementation.progress": {"de": "Fortschritt", "en": "Progress"},
    "implementation.overall": {"de": "Fortschritt des Portfolios", "en": "Portfolio progress"},
    "implementation.budget": {"de": "Budget {years}", "en": "Budget {years}"},
    "implementation.budget_line": {
        "de": "{spent} ausgegeben von {planned} geplant",
        "en": "{spent} spent of {planned} planned",
    },
    "implementation.planned": {"de": "geplant", "en": "planned"},
    "implementation.spent": {"de": "ausgegeben", "en": "spent"},
    "implementation.year": {"de": "Jahr", "en": "Year"},
    "implementation.sec_finances": {"de": "Budget und Finanzierung", "en": "Budget and funding"},
    "implementation.sec_sheets": {"de": "Anhang: Maßnahmensteckbriefe", "en": "Annex: measure sheets"},
    "implementation.col_planned": {"de": "Planansatz", "en": "Planned"},
    "implementation.col_spent": {"de": "Ausgaben", "en": "Spent"},
    "implementation.col_share": {"de": "Ausschöpfung", "en": "Share spent"},
    "implementation.by_measure": {"de": "Nach Maßnahme", "en": "By measure"},
    "implementation.by_field": {"de": "Nach Handlungsfeld", "en": "By field of action"},
    "implementation.by_year": {"de": "Nach Jahr", "en": "By year"},
    "implementation.by_source": {"de": "Nach Finanzierungsquelle", "en": "By source of funding"},
    "implementation.source": {"de": "Quelle", "en": "Source"},
    "implementation.no_source": {"de": "ohne Angabe der Quelle", "en": "source not stated"},
    "implementation.total": {"de": "Summe", "en": "Total"},
    "implementation.finances_note": {
        "de": (
            "Planansätze und Ausgaben {years}, ganze Jahre laut den Angaben der "
            "Maßnahmen (Ausgaben des laufenden Jahres bis zum Stand); Maßnahmen ohne solche Angaben "
            "fehlen in den Tabellen.{dropped}{several} Ausschöpfung: Ausgaben geteilt durch Planansatz."
        ),
        "en": (
            "Planned and spent amounts {years}, whole years as the measures "
            "state them (the current year's spending up to the report's date); measures without such "
            "figures are not in the tables.{dropped}{several} Share spent: spent divided by planned."
        ),
    },
    "implementation.of_year": {"de": "des Haushaltsjahres {years}", "en": "of the budget year {years}"},
    "implementation.of_years": {"de": "der Haushaltsjahre {years}", "en": "of the budget years {years}"},
    "implementation.finances_several": {
        "de": (
            " Eine Maßnahme in mehreren Handlungsfeldern zählt in jeder ihrer Zeilen, daher "
            "ergeben die Zeilen nach Handlungsfeld zusammen mehr als die Summe nach Maßnahme."
        ),
        "en": (
            " A measure in several fields of action counts in each of their rows, so the rows "
            "by field add up to more than the total by measure."
        ),
    },
    "implementation.finances_dropped": {
        "de": " Verworfene Maßnahmen zählen mit ihren Ausgaben.",
        "en": " Dropped measures count with what they spent.",
    },
    "implementation.sub_measures": {"de": "dazu {n}", "en": "and {n}"},
    "implementation.fields_note": {
        "de": (
            "Gezählt sind die Maßnahmen; ihre Teilmaßnahmen gehen in Ampel und Fortschritt der "
            "Maßnahme ein (nach ihrem Gewicht). Eine Maßnahme in mehreren Handlungsfeldern zählt in "
            "jeder ihrer Zeilen."
        ),
        "en": (
            "Measures are counted; their sub-measures are part of the measure's light and progress "
            "(by their weight). A measure in several fields of action counts in each of their rows."
        ),
    },
    "implementation.changes": {"de": "Änderungen", "en": "Changes"},
    "implementation.count_added": {"de": "neu aufgenommen: {n}", "en": "added: {n}"},
    "implementation.count_dropped": {"de": "verworfen: {n}", "en": "dropped: {n}"},
    "implementation.count_retitled": {"de": "umbenannt: {n}", "en": "retitled: {n}"},
    "implementation.count_status": {"de": "Statuswechsel: {n}", "en": "status changes: {n}"},
    "implementation.count_removed": {"de": "entfernt: {n}", "en": "removed: {n}"},
    "implementation.count_progress": {"de": "Fortschritt fortgeschrieben: {n}", "en": "progress updated: {n}"},
    "implementation.count_indicator": {"de": "neue Messwerte: {n}", "en": "new measurements: {n}"},
    "implementation.count_milestone": {"de": "Meilensteine erreicht: {n}", "en": "milestones reached: {n}"},
    "implementation.no_changes": {
        "de": "Im Berichtszeitraum hat sich an den Maßnahmen nichts geändert.",
        "en": "Nothing changed in the measures during the reporting period.",
    },
    "implementation.no_history": {
        "de": "Die Änderungen fehlen, weil die Dateien keine Versionsgeschichte haben ({reason}).",
        "en": "The changes are missing because the files have no version history ({reason}).",
    },
    "implementation.no_history_not-in-git": {
        "de": "Die Änderungen fehlen, weil die Dateien nicht in einem Git-Repository liegen.",
        "en": "The changes are missing because the files are not in a git repository.",
    },
    "implementation.no_history_no-commits": {
        "de": "Die Änderungen fehlen, weil das Git-Repository noch keinen Commit hat.",
        "en": "The changes are missing because the git repository has no commit yet.",
    },
    "implementation.no_history_not-committed": {
        "de": "Die Änderungen fehlen, weil noch kein Commit die Dateien der Strategie enthält.",
        "en": "The changes are missing because no commit holds the strategy's files yet.",
    },
    "implementation.skipped": {
        "de": "Nicht berücksichtigt: der Stand vom {date}, er enthielt einen Fehler ({message}).",
        "en": "Left out: the state of {date}, which held an error ({message}).",
    },
    "implementation.vision": {"de": "Leitbild", "en": "Vision"},
    "implementation.goal": {"de": "Leitziel", "en": "Goal"},
    "implementation.due": {"de": "Fällig", "en": "Due"},
    "implementation.state": {"de": "Stand", "en": "State"},
    "implementation.goal_measures": {"de": "Maßnahmen (davon erledigt)", "en": "Measures (of which done)"},
    "implementation.goal-reached": {"de": "erreicht", "en": "reached"},
    "implementation.goal-overdue": {"de": "Frist überschritten", "en": "deadline passed"},
    "implementation.goal-open": {"de": "offen", "en": "open"},
    "implementation.field": {"de": "Handlungsfeld", "en": "Field of action"},
    "implementation.status": {"de": "Status", "en": "Status"},
    "implementation.reason": {"de": "Grund", "en": "Reason"},
    "implementation.reached": {"de": "Erreichte Meilensteine", "en": "Milestones reached"},
    "implementation.missed": {"de": "Nicht erreichte Meilensteine", "en": "Milestones not reached"},
    "implementation.indicators": {"de": "Indikatoren", "en": "Indicators"},
    "implementation.indicator": {"de": "Indikator", "en": "Indicator"},
    "implementation.baseline": {"de": "Ausgangswert", "en": "Baseline"},
    "implementation.target": {"de": "Zielwert", "en": "Target"},
    "implementation.actual": {"de": "Istwert", "en": "Actual"},
    "implementation.measured": {"de": "Messwerte", "en": "Measurements"},
    "implementation.date": {"de": "Datum", "en": "Date"},
    "implementation.change": {"de": "Änderung", "en": "Change"},
    "implementation.ev-added": {"de": "neu aufgenommen ({new})", "en": "added ({new})"},
    "implementation.ev-dropped": {"de": "verworfen", "en": "dropped"},
    "implementation.ev-removed": {"de": "aus dem Portfolio entfernt", "en": "removed from the portfolio"},
    "implementation.ev-retitled": {"de": "umbenannt, vorher „{old}“", "en": "retitled, formerly “{old}”"},
    "implementation.ev-status": {"de": "Status: {old} → {new}", "en": "status: {old} → {new}"},
    "implementation.ev-progress": {"de": "Fortschritt: {old} → {new}", "en": "progress: {old} → {new}"},
    "implementation.ev-indicator": {"de": "{detail}: {old} → {new}", "en": "{detail}: {old} → {new}"},
    "implementation.ev-period": {"de": "Zeitraum: {old} → {new}", "en": "period: {old} → {new}"},
    "implementation.ev-fields": {"de": "Handlungsfelder: {old} → {new}", "en": "fields of action: {old} → {new}"},
    "implementation.count_period": {"de": "neu terminiert: {n}", "en": "rescheduled: {n}"},
    "implementation.count_fields": {"de": "Handlungsfelder geändert: {n}", "en": "fields of action changed: {n}"},
    "implementation.ev-milestone": {"de": "Meilenstein erreicht: {detail}", "en": "milestone reached: {detail}"},
    "implementation.action": {"de": "Schritt", "en": "Step"},
    "implementation.owner": {"de": "Verantwortlich", "en": "Owner"},
    "implementation.days": {"de": "Tage überfällig", "en": "Days overdue"},

    # -- export
    "export.title": {"de": "Titel", "en": "Title"},
    "export.fields": {"de": "Handlungsfelder", "en": "Fields of action"},
    "export.status": {"de": "Status", "en": "Status"},
    "export.rank": {"de": "Rang", "en": "Rank"},
    "export.points": {"de": "Nutzwert", "en": "Weighted score"},
    "export.votes": {"de": "Stimmen", "en": "Votes"},
    "export.lead": {"de": "Federführung", "en": "Lead"},
    "export.priority": {"de": "Priorität", "en": "Priority"},
    "export.horizon": {"de": "Zeithorizont", "en": "Time horizon"},
    "export.progress": {"de": "Fortschritt", "en": "Progress"},

    # the workbook (export --format xlsx)
    "export.sheet_scoring": {"de": "Bewertung", "en": "Scoring"},
    "export.sheet_criteria": {"de": "Kriterien", "en": "Criteria"},
    "export.weight": {"de": "Gewicht", "en": "Weight"},
    "export.scale_min": {"de": "Skala von", "en": "Scale from"},
    "export.scale_max": {"de": "Skala bis", "en": "Scale to"},
    "export.direction": {"de": "Richtung", "en": "Direction"},
    "export.description": {"de": "Beschreibung", "en": "Description"},
    # {criterion}: the criterion's title; {min}, {max}, {example}: numbers as the language writes them.
    "export.prompt": {
        "de": "{criterion} – {kind}\nEine Zahl von {min} bis {max}, Dezimalstellen mit Komma, z. B. {example}.",
        "en": "{criterion} – {kind}\nA number from {min} to {max}, decimals with a point, e.g. {example}.",
    },
    "export.error_title": {"de": "Ungültige Bewertung", "en": "Invalid score"},
    "export.error": {
        "de": "{criterion}: nur Zahlen von {min} bis {max}, Dezimalstellen mit Komma, z. B. {example}.",
        "en": "{criterion}: numbers from {min} to {max} only, decimals with a point, e.g. {example}.",
    },
    # {kind}: the direction, report.dir_benefit, report.dir_cost or report.dir_knockout
    "export.prompt_whole": {
        "de": "{criterion} ({kind})\nEine ganze Zahl von {min} bis {max}.",
        "en": "{criterion} ({kind})\nA whole number from {min} to {max}.",
    },
    "export.error_whole": {
        "de": "{criterion} ({kind}): nur ganze Zahlen von {min} bis {max}.",
        "en": "{criterion} ({kind}): whole numbers from {min} to {max} only.",
    },
    "export.computed": {
        "de": "Wird von strategy-kit berechnet; nach import-scores neu exportieren. "
        "Was hier eingetragen wird, wird nicht gelesen.",
        "en": "Computed by strategy-kit; export again after import-scores. "
        "What is typed here is not read.",
    },
    "export.not_imported": {
        "de": "Wird von import-scores nicht gelesen; Stimmen in der Workshop-Datei eintragen.",
        "en": "Not read by import-scores; enter votes in the workshop file.",
    },
    # Excel's header and footer codes (ECMA-376 §18.3.1.39): &P the page, &N the pages.
    "export.page": {"de": "Seite &P von &N", "en": "Page &P of &N"},
    "export.subject": {"de": "Bewertung der Maßnahmen", "en": "Scoring of measures"},

    # -- rollup
    "rollup.title": {"de": "Stand der Strategie", "en": "State of the strategy"},
    "rollup.as_of": {"de": "Stand", "en": "As of"},
    "rollup.progress": {"de": "Fortschritt", "en": "Progress"},
    "rollup.overall": {"de": "Fortschritt des Portfolios", "en": "Portfolio progress"},
    "rollup.field": {"de": "Handlungsfeld", "en": "Field of action"},
    "rollup.total": {"de": "Summe", "en": "Total"},
    "rollup.projects": {"de": "Maßnahmen", "en": "Measures"},
    "rollup.project": {"de": "Maßnahme", "en": "Measure"},
    "rollup.status": {"de": "Status", "en": "Status"},
    "rollup.by_field": {
        "de": "Maßnahmen je Handlungsfeld und Status",
        "en": "Measures per field of action and status",
    },
    "rollup.portfolio": {"de": "Portfolio", "en": "Portfolio"},
    "rollup.overdue": {"de": "Überfällige nächste Schritte", "en": "Overdue next steps"},
    "rollup.none_overdue": {"de": "Keine überfälligen Schritte.", "en": "No overdue steps."},
    "rollup.action": {"de": "Schritt", "en": "Step"},
    "rollup.owner": {"de": "Verantwortlich", "en": "Owner"},
    "rollup.due": {"de": "Fällig", "en": "Due"},
    "rollup.days": {"de": "Tage überfällig", "en": "Days overdue"},
    "rollup.days_short": {"de": "Tage", "en": "Days"},
    "rollup.workshops": {"de": "Workshops", "en": "Workshops"},
    "rollup.date": {"de": "Datum", "en": "Date"},
    "rollup.changes": {"de": "Änderungen seit", "en": "Changes since"},
    "rollup.no_changes": {"de": "Keine inhaltlichen Änderungen.", "en": "No changes in substance."},
    # An older name of report.none.
    "rollup.dash": _NONE,
    "rollup.vision": {"de": "Leitbild", "en": "Vision"},
    "rollup.implementation": {"de": "Stand der Umsetzung", "en": "Implementation status"},
    "rollup.sum_note": {
        "de": "Die Summe zählt jede Maßnahme einmal.",
        "en": "The total counts each measure once.",
    },
    "rollup.sum_shared": {
        "de": "In mehreren Handlungsfeldern und daher in mehreren Zeilen: {projects}.",
        "en": "In several fields of action and so in several rows: {projects}.",
    },
    "rollup.sum_unfiled": {
        "de": "Ohne Handlungsfeld und daher nur in der Summe: {projects}.",
        "en": "In no field of action and so only in the total: {projects}.",
    },
    # The portfolio figure's note: the rule and the computation's own numbers.
    "rollup.overall_note": {
        "de": (
            "Der Fortschritt des Portfolios ist der nach Gewicht gemittelte Fortschritt der Maßnahmen der "
            "obersten Ebene, über die entschieden ist (priorisiert, geplant, in Umsetzung, erledigt = 100 %): "
            "gezählt {counted} von {total}, Gewichte zusammen {weights} (Spalte „Gewicht“); eine Maßnahme "
            "ohne eigene Angabe zählt nach Status ({defaults})."
        ),
        "en": (
            "Portfolio progress is the weighted mean progress of the top-level measures decided on "
            "(prioritised, planned, in progress, done = 100 %): {counted} of {total} counted, weights "
            "adding up to {weights} (column “Weight”); a measure without a figure of its own counts by its "
            "status ({defaults})."
        ),
    },
    "rollup.field_note": {
        "de": "Je Handlungsfeld ebenso über dessen gezählte Maßnahmen (Spalte „davon gezählt“).",
        "en": "Per field of action likewise over its counted measures (column “of which counted”).",
    },
    "rollup.not_counted": {"de": "Nicht gezählt: {parts}.", "en": "Not counted: {parts}."},
    "rollup.sub_note": {
        "de": "Teilmaßnahmen ({n}) zählen nur über ihre Maßnahme, nach ihrem Gewicht.",
        "en": "Sub-measures ({n}) count only through their measure, by their weight.",
    },
    "rollup.not_counted_pool": {"de": "Ideen und Kandidaten ({n})", "en": "ideas and candidates ({n})"},
    "rollup.not_counted_dropped": {"de": "verworfene Maßnahmen ({n})", "en": "dropped measures ({n})"},
    "rollup.weight": {"de": "Gewicht", "en": "Weight"},
    "rollup.counted": {"de": "davon gezählt", "en": "of which counted"},

    # -- traffic lights: a measure's state against its dates (compute/traffic.py)
    "traffic.title": {"de": "Ampel", "en": "Traffic light"},
    "traffic.on-track": {"de": "im Plan", "en": "on track"},
    "traffic.at-risk": {"de": "gefährdet", "en": "at risk"},
    "traffic.late": {"de": "verspätet", "en": "late"},
    "traffic.done": {"de": "erledigt", "en": "done"},
    "traffic.undated": {"de": "ohne Termin", "en": "no dates"},
    # Why a light is not green, by the reason code of compute/traffic.py's Cause.
    "traffic.cause-end-passed": {"de": "Enddatum überschritten", "en": "end date passed"},
    "traffic.cause-milestone-overdue": {"de": "Meilenstein überfällig: {subject}", "en": "milestone overdue: {subject}"},
    "traffic.cause-step-overdue": {"de": "Schritt überfällig: {subject}", "en": "step overdue: {subject}"},
    "traffic.cause-sub-project-overdue": {
        "de": "Teilmaßnahme überfällig: {subject}",
        "en": "sub-measure overdue: {subject}",
    },
    "traffic.since": {"de": "seit {date}", "en": "since {date}"},
    "traffic.summary": {"de": "Ampel der Maßnahmen", "en": "Traffic lights of the measures"},
    "traffic.rule": {
        "de": (
            "verspätet, wenn das Ende überschritten ist oder ein Meilenstein oder nächster Schritt "
            "mehr als {days} Tage überfällig ist; gefährdet, wenn ein Meilenstein oder nächster "
            "Schritt bis zu {days} Tage überfällig ist; ohne Termin, wenn weder Beginn, Ende, Meilenstein noch Schritt "
            "einen Termin haben; sonst im Plan. Eine Maßnahme mit Teilmaßnahmen zeigt die "
            "ungünstigste Ampelstufe von sich und ihren offenen Teilmaßnahmen (weder erledigt noch "
            "verworfen)."
        ),
        "en": (
            "late when the end has passed or a milestone or next step is more than {days} days "
            "overdue; at risk when a milestone or next step is up to {days} days overdue; no dates when there is no "
            "start, end, milestone or step with a due date; on track otherwise. A measure with "
            "sub-measures shows the worst light of itself and its open sub-measures (neither done "
            "nor dropped)."
        ),
    },

    # -- diff
    "diff.title": {"de": "Änderungen an der Strategie", "en": "Changes to the strategy"},
    "diff.compared": {"de": "Vergleich", "en": "Compared"},
    "diff.none": {"de": "Keine inhaltlichen Änderungen.", "en": "No changes in substance."},
    "diff.strategy": {"de": "Strategie", "en": "Strategy"},
    "diff.workshops": {"de": "Workshops", "en": "Workshops"},
    "diff.fields": {"de": "Handlungsfelder", "en": "Fields of action"},
    "diff.projects": {"de": "Maßnahmen", "en": "Measures"},
    "diff.next-steps": {"de": "Nächste Schritte", "en": "Next steps"},
    "diff.dates": {"de": "Termine", "en": "Dates"},
    "diff.participants": {"de": "Teilnehmende (nach Rolle)", "en": "Participants (by role)"},
    "diff.vision-changed": {"de": "Leitbild geändert", "en": "Vision changed"},
    "diff.goal-added": {"de": "Ziel neu", "en": "Goal added"},
    "diff.goal-removed": {"de": "Ziel entfallen", "en": "Goal removed"},
    "diff.goal-changed": {"de": "Ziel geändert", "en": "Goal changed"},
    "diff.workshop-added": {"de": "Workshop neu", "en": "Workshop added"},
    "diff.workshop-removed": {"de": "Workshop entfallen", "en": "Workshop removed"},
    "diff.field-added": {"de": "neu", "en": "added"},
    "diff.field-removed": {"de": "entfallen", "en": "removed"},
    "diff.field-renamed": {"de": "umbenannt", "en": "renamed"},
    "diff.project-added": {"de": "neu", "en": "added"},
    "diff.project-removed": {"de": "entfallen", "en": "removed"},
    "diff.project-renamed": {"de": "umbenannt", "en": "renamed"},
    "diff.status-changed": {"de": "Status", "en": "status"},
    "diff.score-changed": {"de": "Bewertung", "en": "score"},
    "diff.votes-changed": {"de": "Stimmen", "en": "votes"},
    "diff.rank-changed": {"de": "Rang", "en": "rank"},
    "diff.progress-changed": {"de": "Fortschritt", "en": "progress"},
    "diff.parent-changed": {"de": "übergeordnete Maßnahme", "en": "parent measure"},
    "diff.fields-changed": {"de": "Handlungsfelder", "en": "fields of action"},
    "diff.period-changed": {"de": "Zeitraum", "en": "period"},
    "diff.indicator-changed": {"de": "Indikator", "en": "indicator"},
    "diff.milestone-done": {"de": "Meilenstein erreicht", "en": "milestone reached"},
    "diff.next-step-added": {"de": "neu", "en": "new"},
    "diff.next-step-done": {"de": "erledigt", "en": "done"},
    "diff.next-step-removed": {"de": "entfallen", "en": "removed"},
    "diff.due": {"de": "fällig", "en": "due"},
    "diff.date-changed": {"de": "verschoben", "en": "moved"},
    "diff.days": {"de": "Workshoptage", "en": "workshop days"},
    "diff.review": {"de": "Überprüfung der Strategie", "en": "strategy review"},
    "diff.goal": {"de": "Zieldatum", "en": "goal date"},
    "diff.follow-up": {"de": "Folgetermin", "en": "follow-up"},
    "diff.step": {"de": "Schritt", "en": "step"},
    "diff.role-count": {"de": "Anzahl", "en": "number"},
    "diff.unranked": {"de": "ohne Rang", "en": "unranked"},
    # An older name of report.none.
    "diff.nothing": _NONE,

    # -- live: why the room did not take a ballot, a paper count or a facilitator's step
    # (compute/ballots.py's reasons; {project} is a measure's title, numbers as i18n writes them).
    "live.refused.unknown-round": {"de": "Diese Abstimmung gibt es nicht.", "en": "There is no such vote."},
    "live.refused.round-not-open": {
        "de": "Diese Abstimmung ist nicht geöffnet; Ihre Stimme wurde nicht gezählt.",
        "en": "This vote is not open; your vote was not counted.",
    },
    "live.refused.round-still-open": {
        "de": "Die Abstimmung ist noch offen; schließen Sie sie zuerst.",
        "en": "The vote is still open; close it first.",
    },
    "live.refused.round-revealed": {
        "de": "Das Ergebnis ist schon gezeigt; die Abstimmung ist abgeschlossen.",
        "en": "The result has been shown; the vote is final.",
    },
    "live.refused.round-exists": {
        "de": "Eine andere Abstimmung trägt schon diesen Namen.",
        "en": "Another vote already has this name.",
    },
    "live.refused.not-a-dot-vote": {
        "de": "Stimmen auf Papier zählen nur bei einer Stimmenvergabe.",
        "en": "Paper votes count only in a dot vote.",
    },
    "live.refused.unknown-project": {
        "de": "Diese Maßnahme steht nicht zur Wahl.",
        "en": "This measure is not on the ballot.",
    },
    "live.refused.unknown-option": {
        "de": "Diese Antwort steht nicht zur Wahl.",
        "en": "This answer is not one of the choices.",
    },
    "live.refused.over-budget": {
        "de": "Sie haben {given} Stimmen vergeben; erlaubt sind {budget}.",
        "en": "You gave {given} votes; {budget} are allowed.",
    },
    "live.refused.over-cap": {
        "de": "Für „{project}“ sind höchstens {cap} Stimmen erlaubt.",
        "en": "At most {cap} votes are allowed for “{project}”.",
    },
    "live.refused.not-dots": {
        "de": "Für „{project}“ bitte eine ganze Zahl von Stimmen, 0 oder mehr.",
        "en": "For “{project}” give a whole number of votes, 0 or more.",
    },
    "live.refused.not-a-score": {
        "de": "Für „{project}“ fehlt eine Zahl.",
        "en": "“{project}” needs a number.",
    },
    "live.refused.outside-scale": {
        "de": "Die Bewertung von „{project}“ liegt zwischen {low} und {high}.",
        "en": "The score for “{project}” lies between {low} and {high}.",
    },
    "live.refused.one-choice": {"de": "Bitte wählen Sie genau eine Antwort.", "en": "Choose exactly one answer."},
    "live.refused.empty": {"de": "Der Stimmzettel ist leer.", "en": "The ballot is empty."},
    "live.refused.unknown-code": {
        "de": "Diesen Teilnahmecode gibt es nicht; bitte prüfen Sie ihn.",
        "en": "This participant code does not exist; please check it.",
    },
    "live.refused.code-in-use": {
        "de": "Dieser Teilnahmecode wird schon in einem anderen Browser verwendet.",
        "en": "This participant code is already in use in another browser.",
    },
    "live.refused.bad-key": {
        "de": "Ihr Browser ist nicht richtig angemeldet; bitte laden Sie die Seite neu.",
        "en": "Your browser has not joined properly; please reload the page.",
    },
    "live.refused.paper-below-zero": {
        "de": "Für „{project}“ sind auf Papier {paper} gezählt; weniger als 0 geht nicht.",
        "en": "{paper} votes are counted on paper for “{project}”; fewer than 0 is not possible.",
    },
    "live.refused.bad-event": {
        "de": "Ein Eintrag im Journal ist unlesbar ({event}).",
        "en": "An entry of the journal cannot be read ({event}).",
    },

    # -- serve: the live room's pages
    "serve.phone_title": {"de": 'Abstimmen', "en": 'Vote'},
    "serve.join_heading": {"de": 'Mitmachen', "en": 'Join in'},
    "serve.join_room": {"de": 'Geben Sie die Zugangsnummer ein, die der Beamer zeigt.', "en": 'Enter the access number shown on the screen.'},
    "serve.join_code": {"de": 'Geben Sie Ihren Teilnahmecode von der Karte ein.', "en": 'Enter the participation code from your card.'},
    "serve.room_number": {"de": 'Zugangsnummer', "en": 'Access number'},
    "serve.participant_code": {"de": 'Teilnahmecode', "en": 'Participation code'},
    "serve.join_button": {"de": 'Mitmachen', "en": 'Join'},
    "serve.no_name": {"de": 'Kein Name, kein Konto: Ihre Stimme bleibt anonym.', "en": 'No name, no account: your vote stays anonymous.'},
    "serve.wrong_code": {"de": 'Dieser Code passt nicht. Bitte prüfen Sie ihn.', "en": 'This code does not match. Please check it.'},
    "serve.code_taken": {"de": 'Dieser Teilnahmecode wird schon in einem anderen Browser verwendet.', "en": 'This participation code is already in use in another browser.'},
    "serve.wrong_room": {"de": 'Diese Zugangsnummer stimmt nicht. Bitte prüfen Sie die Nummer auf dem Beamer.', "en": 'This access number is not right. Please check the number on the screen.'},
    "serve.too_many_codes": {"de": 'Zu viele falsche Codes von diesem Gerät; bitte warten Sie eine Minute.', "en": 'Too many wrong codes from this device; please wait a minute.'},
    "serve.refused_form": {"de": 'Die Seite war veraltet. Bitte laden Sie sie neu und versuchen Sie es noch einmal.', "en": 'The page was out of date. Please reload it and try again.'},
    "serve.join_first": {"de": 'Bitte treten Sie zuerst bei.', "en": 'Please join first.'},
    "serve.too_fast": {"de": 'Zu viele Stimmzettel in kurzer Zeit; bitte warten Sie einen Moment.', "en": 'Too many ballots in a short time; please wait a moment.'},
    "serve.not_saved": {"de": 'Die Stimme konnte nicht gespeichert werden; bitte sagen Sie der Moderation Bescheid.', "en": 'The vote could not be saved; please tell the facilitator.'},
    "serve.waiting": {"de": 'Gerade läuft keine Abstimmung. Diese Seite aktualisiert sich von selbst.', "en": 'No vote is open right now. This page updates by itself.'},
    "serve.closed": {"de": 'Die Abstimmung ist geschlossen.', "en": 'The vote is closed.'},
    "serve.saved": {"de": 'Ihre Stimmen sind gespeichert. Sie können sie ändern, solange die Abstimmung offen ist.', "en": 'Your votes are saved. You can change them while the vote is open.'},
    "serve.saved_poll": {"de": 'Ihre Antwort ist gespeichert. Sie können sie ändern, solange die Umfrage offen ist.', "en": 'Your answer is saved. You can change it while the poll is open.'},
    "serve.saved_scores": {"de": 'Ihre Bewertung ist gespeichert. Sie können sie ändern, solange die Runde offen ist.', "en": 'Your scores are saved. You can change them while the round is open.'},
    "serve.your_vote": {"de": 'Ihre gespeicherte Stimme', "en": 'Your saved vote'},
    "serve.send": {"de": 'Stimmen abgeben', "en": 'Cast votes'},
    "serve.send_scores": {"de": 'Bewertung abgeben', "en": 'Submit scores'},
    "serve.change": {"de": 'Änderungen speichern', "en": 'Save changes'},
    "serve.send_poll": {"de": 'Antwort abgeben', "en": 'Send answer'},
    "serve.change_scores": {"de": 'Bewertung ändern', "en": 'Change scores'},
    "serve.dots_left": {"de": 'Stimmen übrig', "en": 'votes left'},
    "serve.dots_rule": {"de": 'Verteilen Sie bis zu {budget} Stimmen.', "en": 'Give up to {budget} votes.'},
    "serve.dots_rule_cap": {"de": '{budget} Stimmen je Person, höchstens {cap} je Maßnahme.', "en": '{budget} votes per person, at most {cap} per measure.'},
    "serve.dots_rule_plain": {"de": '{budget} Stimmen je Person.', "en": '{budget} votes per person.'},
    "serve.dots_cap": {"de": 'Höchstens {cap} pro Maßnahme.', "en": 'At most {cap} per measure.'},
    "serve.score_rule": {"de": 'Bewerten Sie jede Maßnahme von {low} bis {high}; wählen Sie „keine Angabe“, wo Sie nicht urteilen können.', "en": 'Score each measure from {low} to {high}; choose “no answer” where you cannot judge.'},
    "serve.anchors": {"de": '{low} heißt gering, {high} heißt hoch.', "en": '{low} means low, {high} means high.'},
    "serve.cost_hint": {"de": 'Ein hoher Wert spricht hier gegen die Maßnahme.', "en": 'Here a high score counts against the measure.'},
    "serve.no_score": {"de": 'keine Angabe', "en": 'no answer'},
    "serve.poll_rule": {"de": 'Wählen Sie eine Antwort.', "en": 'Choose one answer.'},
    "serve.more": {"de": 'mehr', "en": 'more'},
    "serve.less": {"de": 'weniger', "en": 'fewer'},
    "serve.new_round": {"de": 'Die Abstimmung hat sich geändert.', "en": 'The vote has changed.'},
    "serve.load": {"de": 'Anzeigen', "en": 'Show'},
    "serve.results": {"de": 'Ergebnis', "en": 'Result'},
    "serve.dots_title": {"de": 'Stimmenvergabe', "en": 'Dot vote'},
    "serve.poll_title": {"de": 'Kurze Umfrage', "en": 'Quick poll'},
    "serve.choose_criterion": {"de": 'Bitte wählen Sie ein Kriterium.', "en": 'Please choose a criterion.'},
    "serve.bad_budget": {"de": 'Bitte geben Sie 1 bis 100 Stimmen je Person an.', "en": 'Give 1 to 100 votes per person.'},
    "serve.bad_cap": {"de": 'Die Höchstzahl je Maßnahme liegt zwischen 1 und den Stimmen je Person (0: keine Grenze).', "en": 'The most per measure is between 1 and the votes per person (0: no limit).'},
    "serve.poll_options": {"de": 'Eine Umfrage braucht mindestens zwei verschiedene Antworten, eine je Zeile.', "en": 'A poll needs at least two different answers, one per line.'},
    "serve.no_projects": {"de": 'Die Workshop-Datei hat keine Maßnahmen, über die abgestimmt werden kann.', "en": 'The workshop file has no measures to vote on.'},
    "serve.close_first": {"de": 'Bitte schließen Sie zuerst die offene Abstimmung „{title}“.', "en": 'Please close the open vote “{title}” first.'},
    "serve.already_written": {"de": 'Diese Abstimmung ist schon in die Workshop-Datei eingetragen.', "en": 'This vote is already written to the workshop file.'},
    "serve.not_closed": {"de": 'Schließen Sie die Abstimmung, bevor Sie sie eintragen.', "en": 'Close the vote before writing it.'},
    "serve.already_closed": {"de": "Diese Abstimmung ist schon geschlossen.", "en": "This vote is already closed."},
    "serve.journal_refused": {"de": '{n} Einträge des Journals entsprechen keiner Regel und wurden nicht übernommen.', "en": '{n} entries of the journal break a rule and were left out.'},
    "serve.journal_refused_cli": {"de": '{n} Einträge des Journals entsprechen keiner Regel und wurden nicht übernommen; die Moderation sieht sie.', "en": '{n} entries of the journal break a rule and were left out.'},
    "serve.by_group": {"de": 'Nach Gruppen (nur Gruppen ab 3 Personen)', "en": 'By group (only groups of 3 or more)'},
    "serve.unknown_action": {"de": 'Diesen Schritt gibt es nicht.', "en": 'There is no such step.'},
    "serve.denied": {"de": 'Kein Zugang', "en": 'No access'},
    "serve.denied_text": {"de": 'Diese Seite ist der Moderation vorbehalten. Öffnen Sie die Adresse, die beim Start angezeigt wurde.', "en": 'This page is for the facilitator. Open the address shown at start-up.'},
    "serve.error": {"de": 'Ein Fehler ist aufgetreten', "en": 'Something went wrong'},
    "serve.error_text": {"de": 'Die Seite konnte nicht erstellt werden. Laden Sie sie neu; bleibt der Fehler, steht er im Fenster, in dem der Raum läuft. Abgegebene Stimmen bleiben gespeichert.', "en": 'The page could not be made. Reload it; if the error stays, it is shown in the window the room runs in. Ballots cast stay saved.'},
    "serve.join_at": {"de": 'Mitmachen unter', "en": 'Join at'},
    "serve.code_label": {"de": 'Zugangsnummer', "en": 'Access number'},
    "serve.code_card": {"de": 'mit dem Code auf Ihrer Karte', "en": 'with the code on your card'},
    "serve.voters_1": {"de": '{n} Person hat abgestimmt', "en": '{n} person has voted'},
    "serve.voters_n": {"de": '{n} Personen haben abgestimmt', "en": '{n} people have voted'},
    "serve.phase_open": {"de": 'offen', "en": 'open'},
    "serve.phase_closed": {"de": 'geschlossen', "en": 'closed'},
    "serve.phase_revealed": {"de": 'aufgedeckt', "en": 'revealed'},
    "serve.hidden_until_reveal": {"de": 'Das Ergebnis erscheint, wenn die Moderation es aufdeckt.', "en": 'The result appears when the facilitator reveals it.'},
    "serve.paper": {"de": 'Papier', "en": 'paper'},
    "serve.paper_of": {"de": 'davon {n} auf Papier', "en": '{n} of them on paper'},
    "serve.paper_total": {"de": 'Dazu {n} auf Papier gezählte Stimmen.', "en": 'Plus {n} votes counted on paper.'},
    "serve.paper_total_1": {"de": 'Dazu 1 auf Papier gezählte Stimme.', "en": 'Plus 1 vote counted on paper.'},
    "serve.scored_by": {"de": 'Bewertungen', "en": 'scores'},
    "serve.scored_by_1": {"de": 'Bewertung', "en": 'score'},
    "serve.console": {"de": 'Moderation', "en": 'Facilitation'},
    "serve.projector": {"de": 'Beamer', "en": 'Room screen'},
    "serve.agenda": {"de": 'Ablauf', "en": 'Agenda'},
    "serve.rounds": {"de": 'Abstimmungen', "en": 'Votes'},
    "serve.open_round": {"de": 'Abstimmung öffnen', "en": 'Open a vote'},
    "serve.kind": {"de": 'Art der Abstimmung', "en": 'Kind of vote'},
    "serve.kind_dots": {"de": 'Stimmenvergabe', "en": 'Dot vote'},
    "serve.kind_scores": {"de": 'Bewertungsrunde', "en": 'Scoring round'},
    "serve.kind_poll": {"de": 'Kurze Umfrage', "en": 'Quick poll'},
    "serve.budget": {"de": 'Stimmen je Person', "en": 'Votes per person'},
    "serve.cap": {"de": 'Höchstens je Maßnahme (0 = unbegrenzt)', "en": 'At most per measure (0 = no limit)'},
    "serve.criterion": {"de": 'Kriterium', "en": 'Criterion'},
    "serve.question": {"de": 'Frage', "en": 'Question'},
    "serve.options": {"de": 'Antworten, eine je Zeile', "en": 'Answers, one per line'},
    "serve.projects": {"de": 'Maßnahmen', "en": 'Measures'},
    "serve.close": {"de": 'Schließen', "en": 'Close'},
    "serve.reopen": {"de": 'Wieder öffnen', "en": 'Open again'},
    "serve.reveal": {"de": 'Aufdecken', "en": 'Reveal'},
    "serve.paper_heading": {"de": 'Auf Papier gezählte Stimmen hinzufügen', "en": 'Add votes counted on paper'},
    "serve.paper_add": {"de": 'Hinzufügen', "en": 'Add'},
    "serve.paper_sofar": {"de": 'bisher {n} auf Papier', "en": '{n} on paper so far'},
    "serve.preview": {"de": 'Vorschau: in die Workshop-Datei eintragen', "en": 'Preview: write to the workshop file'},
    "serve.write": {"de": 'In die Workshop-Datei eintragen', "en": 'Write to the workshop file'},
    "serve.written": {"de": 'eingetragen', "en": 'written'},
    "serve.times": {"de": 'Tatsächliche Zeiten eintragen', "en": 'Write the actual times'},
    "serve.export": {"de": 'Einzelstimmen (anonym)', "en": 'Single ballots (anonymous)'},
    "serve.journal_torn": {"de": 'Eine beim Absturz unvollständige letzte Zeile des Journals wurde verworfen; sie war nie bestätigt.', "en": 'A last line of the journal cut off by a crash was left out; it was never confirmed.'},
    "serve.no_rounds": {"de": 'Noch keine Abstimmung.', "en": 'No vote yet.'},
    "serve.start": {"de": 'Start', "en": 'Start'},
    "serve.pause": {"de": 'Pause', "en": 'Pause'},
    "serve.resume": {"de": 'Weiter', "en": 'Resume'},
    "serve.next": {"de": 'Nächster Programmteil', "en": 'Next item'},
    "serve.extend": {"de": '+5 Min.', "en": '+5 min'},
    "serve.jump": {"de": 'Springen zu', "en": 'Jump to'},
    "serve.go": {"de": 'Los', "en": 'Go'},
    "serve.planned": {"de": 'geplant', "en": 'planned'},
    "serve.actual": {"de": 'tatsächlich', "en": 'actual'},

    # The agenda clock's refusals of a facilitator's step (compute/clock.py; {session} is a
    # session's reference, as the console names it).
    "live.refused.unknown-session": {
        "de": "Die Sitzung „{session}“ steht nicht im Programm.",
        "en": "The session “{session}” is not in the programme.",
    },
    "live.refused.already-current": {
        "de": "Die Sitzung „{session}“ läuft bereits.",
        "en": "The session “{session}” is already running.",
    },
    "live.refused.session-running": {
        "de": "Erst „{session}“ beenden, dann die nächste Sitzung starten.",
        "en": "End “{session}” first, then start the next session.",
    },
    "live.refused.not-current": {
        "de": "Die Sitzung „{session}“ läuft gerade nicht.",
        "en": "The session “{session}” is not running now.",
    },
    "live.refused.nothing-running": {"de": "Gerade läuft keine Sitzung.", "en": "No session is running."},
    "live.refused.already-paused": {"de": "Die Sitzung ist schon angehalten.", "en": "The session is paused already."},
    "live.refused.not-paused": {"de": "Die Sitzung ist nicht angehalten.", "en": "The session is not paused."},
    "live.refused.bad-minutes": {
        "de": "Verlängern Sie um 1 bis {high} ganze Minuten.",
        "en": "Extend by 1 to {high} whole minutes.",
    },
    "live.refused.programme-over": {"de": "Das Programm ist zu Ende.", "en": "The programme is over."},

    # -- live: the projector's agenda clock (present/live.py clock_text)
    "live.clock.next": {"de": "Als Nächstes", "en": "Next"},
    # {title} the next session's title, {time} its planned start ("12:30 Uhr").
    "live.clock.next_at": {"de": "Als Nächstes ({time}): {title}", "en": "Next ({time}): {title}"},
    # The next session on another day: {day} is its weekday ("Mittwoch").
    "live.clock.next_on": {"de": "Als Nächstes ({day}, {time}): {title}", "en": "Next ({day}, {time}): {title}"},
    "live.clock.remaining": {"de": "noch", "en": "left"},
    "live.clock.overtime": {"de": "Überziehung", "en": "Overtime"},
    "live.clock.paused": {"de": "Pause", "en": "Paused"},
    "live.clock.waiting": {"de": "Noch nicht begonnen", "en": "Not started yet"},
    "live.clock.finished": {"de": "Ende des Programms", "en": "End of the programme"},
    # {n} whole minutes.
    "live.clock.behind": {"de": "{n} Min. hinter Plan", "en": "{n} min behind schedule"},
    "live.clock.ahead": {"de": "{n} Min. vor Plan", "en": "{n} min ahead of schedule"},
    "live.clock.on_plan": {"de": "im Plan", "en": "on schedule"},
    # -- live: the raw ballots' CSV (present/ballots.py), its column heads; the kinds of round,
    # the criterion and the paper ballot read as on the console (serve.kind_*, serve.criterion, serve.paper)
    "live.export.round": {"de": "Runde", "en": "Round"},
    "live.export.kind": {"de": "Art", "en": "Kind"},
    "live.export.ballot": {"de": "Stimmzettel", "en": "Ballot"},
    "live.export.group": {"de": "Gruppe", "en": "Group"},
    "live.export.option": {"de": "Option", "en": "Option"},
    "live.export.value": {"de": "Wert", "en": "Value"},
    # -- live: the printed sheet of participant codes (present/codes.py), one card per person.
    "live.codes.title": {"de": "Teilnahmecodes", "en": "Participant codes"},
    "live.codes.guest": {"de": "ohne Gruppe", "en": "no group"},
    "live.codes.code": {"de": "Ihr Code", "en": "Your code"},
    "live.codes.join": {"de": "QR-Code scannen oder Code eingeben unter", "en": "Scan the QR code or enter the code at"},
    "live.codes.qr": {"de": "QR-Code: Abstimmung mit diesem Code öffnen", "en": "QR code: open the vote with this code"},
    "live.codes.notice": {
        "de": "Persönlicher Code: nicht weitergeben. Ihre Stimme bleibt anonym.",
        "en": "Personal code: do not pass it on. Your vote stays anonymous.",
    },

    # -- pdf
    "pdf.page": {"de": "Seite ", "en": "Page "},
    "pdf.of": {"de": " von ", "en": " of "},
}


#: What a label reads after a count other than one (``2 Ideen``, ``2 candidates``), for every
#: label a count may precede: a status named by a noun takes the plural, one named by an
#: adjective or a phrase keeps its form (``2 geplant``, ``2 in progress``). Singular is the
#: label itself (:data:`LABELS`); both languages use it for exactly one only.
PLURALS: Final[Mapping[str, Mapping[str, str]]] = {
    "report.sub_project": {"de": "Teilmaßnahmen", "en": "sub-measures"},
    "lifecycle.idea": {"de": "Ideen", "en": "ideas"},
    "lifecycle.candidate": {"de": "Kandidaten", "en": "candidates"},
    "lifecycle.prioritised": {"de": "priorisiert", "en": "prioritised"},
    "lifecycle.planned": {"de": "geplant", "en": "planned"},
    "lifecycle.in-progress": {"de": "in Umsetzung", "en": "in progress"},
    "lifecycle.done": {"de": "erledigt", "en": "done"},
    "lifecycle.dropped": {"de": "verworfen", "en": "dropped"},
}


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use 'de' or 'en'")


def label(key: str, lang: str) -> str:
    """The text of ``key`` (``"report.ranking"``) in ``lang`` (``"de"`` or ``"en"``).

    Raises :class:`UnknownLabel` (a ``KeyError``) for a key not in the table and
    ``ValueError`` for a language other than ``de`` and ``en``.
    """
    _check(lang)
    try:
        return LABELS[key][lang]
    except KeyError:
        raise UnknownLabel(f"no label {key!r}; labels live in present/labels.py") from None


def count_label(key: str, count: float, lang: str) -> str:
    """The form of ``key`` that follows the number ``count``: ``Idee`` after 1, ``Ideen`` after
    0, 2 or 1,5 (``count_label("lifecycle.idea", 2, "de")``). The number itself is written
    by :func:`strategy_kit.present.i18n.format_count` (``2 Ideen``).

    Raises :class:`UnknownLabel` for a key without its plural in :data:`PLURALS`: a count
    before a word whose plural nobody wrote down must fail a test, not read "2 Idee".
    """
    _check(lang)
    if key not in PLURALS:
        raise UnknownLabel(f"no plural of {key!r}; plurals live in present/labels.py (PLURALS)")
    return label(key, lang) if count == 1 else PLURALS[key][lang]


class LabelTable(dict[str, str]):
    """One namespace's labels in one language, keyed without the namespace (for templates).

    A missing key raises :class:`UnknownLabel` naming the full key; in a template
    (``t.unknown``) Jinja's strict undefined reports it instead.
    """

    def __init__(self, namespace: str, lang: str) -> None:
        _check(lang)
        prefix = f"{namespace}."
        super().__init__(
            (key.removeprefix(prefix), texts[lang])
            for key, texts in LABELS.items()
            if key.startswith(prefix)
        )
        if not self:
            raise UnknownLabel(f"no labels in namespace {namespace!r}")
        self.namespace = namespace

    def __missing__(self, key: str) -> str:
        raise UnknownLabel(
            f"no label {self.namespace + '.' + key!r}; labels live in present/labels.py"
        )


def table(namespace: str, lang: str) -> LabelTable:
    """All labels of ``namespace`` (``"agenda"``) in ``lang``: ``{"day": "Tag", ...}``."""
    return LabelTable(namespace, lang)
