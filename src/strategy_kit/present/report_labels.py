"""Words of the results report and the ranking table, German and English."""

from __future__ import annotations

from strategy_kit.present.i18n import STATUS_NAMES

LABELS: dict[str, dict[str, str]] = {
    "report": {"de": "Ergebnisbericht", "en": "Results report"},
    "contents": {"de": "Inhalt", "en": "Contents"},
    "municipality": {"de": "Kommune", "en": "Municipality"},
    "state": {"de": "Bundesland", "en": "Federal state"},
    "workshop": {"de": "Workshop", "en": "Workshop"},
    "kind": {"de": "Format", "en": "Format"},
    "dates": {"de": "Termin", "en": "Dates"},
    "venue": {"de": "Ort", "en": "Venue"},
    "organiser": {"de": "Veranstalter", "en": "Organiser"},
    "public_edition": {"de": "Öffentliche Fassung", "en": "Public edition"},
    "internal_edition": {
        "de": "Interne Fassung: enthält Namen oder interne Angaben, nicht zur Veröffentlichung",
        "en": "Internal edition: contains names or internal details, not for publication",
    },
    "kind_kick-off": {"de": "Auftaktworkshop", "en": "Kick-off workshop"},
    "kind_design-sprint": {"de": "Design-Sprint", "en": "Design sprint"},
    "kind_follow-up": {"de": "Folgeworkshop", "en": "Follow-up workshop"},
    "kind_other": {"de": "Workshop", "en": "Workshop"},
    # sections
    "sec_goal": {"de": "Zielsetzung und Ablauf", "en": "Goal and process"},
    "sec_participants": {"de": "Teilnehmende", "en": "Participants"},
    "sec_situation": {"de": "Ausgangssituation", "en": "Starting situation"},
    "sec_fields": {"de": "Handlungsfelder", "en": "Fields of action"},
    "sec_ranking": {"de": "Priorisierte Projekte", "en": "Prioritised projects"},
    "sec_sheets": {"de": "Maßnahmensteckbriefe", "en": "Measure sheets"},
    "sec_next": {"de": "Nächste Schritte und Folgetermine", "en": "Next steps and follow-ups"},
    # goal and process
    "goal": {"de": "Zielsetzung", "en": "Central goal"},
    "process": {"de": "Ablauf", "en": "Process"},
    "block_goal": {"de": "Ziel", "en": "Aim"},
    "results": {"de": "Ergebnisse", "en": "Results"},
    "no_results": {"de": "Keine Ergebnisse festgehalten.", "en": "No results recorded."},
    # participants
    "participants_total": {"de": "Teilnehmende insgesamt", "en": "Participants in total"},
    "by_department": {"de": "Nach Fachbereich", "en": "By department"},
    "by_function": {"de": "Nach Funktion", "en": "By function"},
    "count": {"de": "Anzahl", "en": "Count"},
    "several_functions": {
        "de": "Eine Person kann mehrere Funktionen haben.",
        "en": "A person may hold several functions.",
    },
    "department": {"de": "Fachbereich", "en": "Department"},
    "function": {"de": "Funktion", "en": "Function"},
    "no_department": {"de": "Ohne Fachbereich", "en": "No department"},
    "external": {"de": "Extern", "en": "External"},
    "no_function": {"de": "Ohne Angabe", "en": "Not stated"},
    "list_of_participants": {"de": "Teilnehmende", "en": "List of participants"},
    "person": {"de": "Person", "en": "Person"},
    "unit": {"de": "Fachbereich / Organisation", "en": "Department / organisation"},
    "email": {"de": "E-Mail", "en": "E-mail"},
    "privacy_note": {
        "de": "Namen nur mit Einwilligung der Person; sonst steht die Rolle.",
        "en": "Names only with the person's consent; otherwise the role is shown.",
    },
    "fn_mayor": {"de": "Bürgermeister/in", "en": "Mayor"},
    "fn_department-head": {"de": "Fachbereichsleitung", "en": "Head of department"},
    "fn_data-protection-officer": {
        "de": "Datenschutzbeauftragte/r",
        "en": "Data protection officer",
    },
    "fn_staff-council": {"de": "Personalrat", "en": "Staff council"},
    "fn_equality-officer": {"de": "Gleichstellungsbeauftragte/r", "en": "Equality officer"},
    "fn_it": {"de": "IT", "en": "IT"},
    "fn_digital-officer": {"de": "Digitalisierungsbeauftragte/r", "en": "Digital officer"},
    "fn_external-expert": {"de": "Externe Fachleute", "en": "External expert"},
    "fn_facilitator": {"de": "Moderation", "en": "Facilitation"},
    "fn_council-member": {"de": "Ratsmitglied", "en": "Council member"},
    "fn_citizen": {"de": "Bürgerin/Bürger", "en": "Citizen"},
    "fn_staff": {"de": "Mitarbeitende", "en": "Staff"},
    # situation
    "maturity_title": {
        "de": "Reifegrad je Handlungsfeld (0–5)",
        "en": "Maturity per field of action (0–5)",
    },
    "current": {"de": "Ist", "en": "Current"},
    "target": {"de": "Soll", "en": "Target"},
    "gap": {"de": "Abstand", "en": "Gap"},
    "field": {"de": "Handlungsfeld", "en": "Field of action"},
    "no_maturity": {
        "de": "Für kein Handlungsfeld ist ein Reifegrad erfasst.",
        "en": "No maturity has been recorded for any field of action.",
    },
    # fields
    "goals": {"de": "Ziele", "en": "Goals"},
    "projects": {"de": "Projekte", "en": "Projects"},
    "no_projects": {"de": "Noch keine Projekte.", "en": "No projects yet."},
    "rank_short": {"de": "Rang", "en": "Rank"},
    # ranking
    "ranking": {"de": "Rangfolge", "en": "Ranking"},
    "rank": {"de": "Rang", "en": "Rank"},
    "project": {"de": "Projekt", "en": "Project"},
    "points": {"de": "Punkte", "en": "Points"},
    "points_unit": {"de": "Punkte", "en": "points"},
    "votes": {"de": "Stimmen", "en": "Votes"},
    "priority": {"de": "Priorität", "en": "Priority"},
    "quadrant": {"de": "Quadrant", "en": "Quadrant"},
    "criteria": {"de": "Kriterien", "en": "Criteria"},
    "criterion": {"de": "Kriterium", "en": "Criterion"},
    "criterion_short": {"de": "K", "en": "C"},
    "weight": {"de": "Gewicht", "en": "Weight"},
    "scale": {"de": "Skala", "en": "Scale"},
    "direction": {"de": "Richtung", "en": "Direction"},
    "dir_benefit": {"de": "Nutzen (hoch ist gut)", "en": "Benefit (high is good)"},
    "dir_cost": {"de": "Kosten (niedrig ist gut)", "en": "Cost (low is good)"},
    "dir_knockout": {"de": "K.-o.-Kriterium", "en": "Knock-out"},
    "method": {
        "de": (
            "Nutzwertanalyse: Jede Bewertung wird auf ihrer Skala auf 0 bis 1 umgerechnet "
            "(bei Kosten-Kriterien umgekehrt: weniger Aufwand zählt mehr), mit dem Gewicht "
            "multipliziert und auf 100 Punkte bezogen. K.-o.-Kriterien filtern vorab und "
            "geben keine Punkte. Die Tabelle zeigt je Kriterium den Punktebeitrag."
        ),
        "en": (
            "Weighted scoring: each score is scaled to 0 to 1 on its criterion's scale "
            "(inverted for cost criteria: less effort counts more), multiplied by the weight "
            "and expressed in points out of 100. Knock-out criteria filter first and add no "
            "points. The table shows each criterion's contribution in points."
        ),
    },
    "votes_tie-breaker": {
        "de": "Bei gleicher Punktzahl entscheiden die Stimmen.",
        "en": "Votes break ties between equal scores.",
    },
    "votes_criterion": {
        "de": "Die Stimmen zählen als Kriterium (bezogen auf die meisten Stimmen).",
        "en": "Votes count as a criterion (relative to the most votes).",
    },
    "tie": {"de": "gleichauf", "en": "tied"},
    "columns_rule": {
        "de": "K1, K2, …: Punkte je Kriterium wie oben aufgeführt.",
        "en": "C1, C2, …: points per criterion as listed above.",
    },
    "priority_rule": {
        "de": (
            "Priorität, wo nicht festgelegt, aus der Punktzahl: hoch ab zwei Dritteln der Punkte, "
            "mittel ab einem Drittel, sonst niedrig (mit * markiert)."
        ),
        "en": (
            "Priority, where not set, follows the points: high from two thirds, medium from "
            "one third, low below (marked *)."
        ),
    },
    "knocked_out": {"de": "Ausgeschieden (K.-o.-Kriterium)", "en": "Knocked out"},
    "knocked_reason": {"de": "Wert {score} bei {criterion}", "en": "score {score} for {criterion}"},
    "incomplete": {
        "de": "Nicht bewertet (fehlende Bewertungen)",
        "en": "Not ranked (missing scores)",
    },
    "missing": {"de": "fehlt", "en": "missing"},
    "no_ranking": {
        "de": "Noch kein Projekt vollständig bewertet.",
        "en": "No project has been fully scored yet.",
    },
    "matrix": {"de": "Wirkungs-Aufwand-Matrix", "en": "Impact/effort matrix"},
    "matrix_impact": {"de": "Wirkung", "en": "Impact"},
    "matrix_effort": {"de": "Aufwand", "en": "Effort"},
    "high": {"de": "hoch", "en": "high"},
    "low": {"de": "niedrig", "en": "low"},
    "q_quick-win": {"de": "Quick Wins", "en": "Quick wins"},
    "q_major-project": {"de": "Große Projekte", "en": "Major projects"},
    "q_fill-in": {"de": "Lückenfüller", "en": "Fill-ins"},
    "q_thankless": {"de": "Undankbare Aufgaben", "en": "Thankless tasks"},
    "matrix_rule": {
        "de": "Die Mitte jeder Skala zählt als hoch.",
        "en": "The middle of each scale counts as high.",
    },
    "prio_high": {"de": "hoch", "en": "high"},
    "prio_medium": {"de": "mittel", "en": "medium"},
    "prio_low": {"de": "niedrig", "en": "low"},
    "serves": {
        "de": "Bediente Handlungsfelder je Priorität",
        "en": "Fields of action served per priority",
    },
    # measure sheets
    "sheet": {"de": "Maßnahmensteckbrief", "en": "Measure sheet"},
    "sheet_goal": {"de": "Ziel und erwartete Wirkung", "en": "Goal and expected effect"},
    "description": {"de": "Beschreibung", "en": "Description"},
    "lead": {"de": "Federführung", "en": "Lead"},
    "stakeholders": {"de": "Beteiligte", "en": "Stakeholders"},
    "funding": {"de": "Finanzierung", "en": "Funding"},
    "budget": {"de": "Budget", "en": "Budget"},
    "time_frame": {"de": "Zeitraum", "en": "Time frame"},
    "status": {"de": "Status", "en": "Status"},
    "indicators": {"de": "Indikatoren", "en": "Indicators"},
    "indicator": {"de": "Indikator", "en": "Indicator"},
    "baseline": {"de": "Ausgangswert", "en": "Baseline"},
    "indicator_target": {"de": "Zielwert", "en": "Target"},
    "actual": {"de": "Istwert", "en": "Actual"},
    "due": {"de": "Fällig", "en": "Due"},
    "next_steps": {"de": "Nächste Schritte", "en": "Next steps"},
    "action": {"de": "Schritt", "en": "Action"},
    "owner": {"de": "Verantwortlich", "en": "Owner"},
    "done": {"de": "erledigt", "en": "done"},
    "open": {"de": "offen", "en": "open"},
    "not_set": {"de": "nicht festgelegt", "en": "not set"},
    "none": {"de": "keine", "en": "none"},
    "fields_of_action": {"de": "Handlungsfelder", "en": "Fields of action"},
    "hz_short": {"de": "sofort", "en": "start now"},
    "hz_medium": {"de": "innerhalb von 2 Jahren", "en": "within 2 years"},
    "hz_long": {"de": "innerhalb von 4 Jahren", "en": "within 4 years"},
    "fund_own": {"de": "Eigenmittel", "en": "Own funds"},
    "fund_third-party": {"de": "Drittmittel", "en": "Third-party funds"},
    "fund_grant": {"de": "Fördermittel", "en": "Grant"},
    "fund_staff": {"de": "Personal", "en": "Staff time"},
    **{f"st_{status}": names for status, names in STATUS_NAMES.items()},
    "no_sheets": {"de": "Noch keine priorisierten Projekte.", "en": "No prioritised projects yet."},
    # next steps
    "follow_ups": {"de": "Folgetermine", "en": "Follow-ups"},
    "date": {"de": "Datum", "en": "Date"},
    "title": {"de": "Titel", "en": "Title"},
    "audience": {"de": "Zielgruppe", "en": "Audience"},
    "open_date": {"de": "offen", "en": "to be fixed"},
    "no_next_steps": {"de": "Keine offenen Schritte.", "en": "No open steps."},
    "no_follow_ups": {"de": "Keine Folgetermine geplant.", "en": "No follow-ups planned."},
    "footer": {"de": "Erstellt mit strategy-kit", "en": "Made with strategy-kit"},
}
