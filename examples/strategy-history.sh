#!/usr/bin/env bash
# Gives a copy of examples/strategy-repo the history a strategy gathers in its
# first two years: the strategy as the council adopted it in October 2019, then
# the IT-Koordination's follow-up, one commit per decision, every change made
# by strategy-kit's editing commands (status, progress, measure, add).
#
#   bash examples/strategy-history.sh /tmp/telgte-strategie
#   cd /tmp/telgte-strategie && git log --format='%cs %s'
#   strategy-kit status . --today 2021-09-30
#
# Needs git and strategy-kit on PATH. TARGET must not exist yet, or be an
# empty folder. Each of these is checked before anything is written; a missing
# one is one line, German and English, saying what to do, and exit status 2.
set -euo pipefail

# refuse GERMAN ENGLISH: the one line a precondition that does not hold prints.
refuse() {
  echo "$(basename "$0"): Fehler: $1 / error: $2" >&2
  exit 2
}

if [ $# -ne 1 ] || [ -z "$1" ]; then
  refuse "genau einen Zielordner angeben: bash $0 ZIELORDNER" "give exactly one target folder: bash $0 TARGET"
fi
target=$1
if [ -e "$target" ] && ! [ -d "$target" ]; then
  refuse "$target ist eine Datei; einen neuen Ordner angeben" "$target is a file; give a new folder"
fi
if [ -d "$target" ] && [ -n "$(ls -A "$target")" ]; then
  refuse "$target existiert und ist nicht leer; einen neuen oder leeren Ordner angeben" \
    "$target exists and is not empty; give a new or empty folder"
fi
parent=$(dirname "$target")
if ! [ -d "$parent" ]; then
  refuse "$parent existiert nicht; den Ordner anlegen oder einen anderen Zielordner angeben" \
    "$parent does not exist; create it or give another target"
fi
if ! [ -d "$target" ] && ! [ -w "$parent" ]; then
  refuse "in $parent darf kein Ordner angelegt werden; einen Zielordner in einem beschreibbaren Ordner angeben" \
    "$parent is not writable; give a target in a folder you may write to"
fi
if ! command -v git > /dev/null; then
  refuse "git ist nicht installiert; git installieren (https://git-scm.com)" "git is not installed; install git (https://git-scm.com)"
fi
if ! command -v strategy-kit > /dev/null; then
  refuse "strategy-kit ist nicht im PATH; strategy-kit installieren oder seine virtuelle Umgebung aktivieren" \
    "strategy-kit is not on PATH; install it or activate its virtual environment"
fi
here=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$target"
cp -R "$here/strategy-repo/." "$target"
cd "$target"
git init -q
git config user.name "Stadt Telgte, IT-Koordination"
git config user.email "it-koordination@example.invalid"
# The example's commits need no signature, whatever the user's git signs by default.
git config commit.gpgsign false

# commit DATE MESSAGE: everything changed, dated DATE (author and committer).
commit() {
  local when="$1 16:00:00 +0100"
  shift
  git add -A
  GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" git commit -q -m "$*"
}
sk() { strategy-kit "$@" > /dev/null; }

commit 2019-10-01 "Digitale Strategie, vom Rat beschlossen: Stand nach dem Maßnahmenworkshop"

sk progress strategy.yaml online-antraege 60
commit 2019-12-16 "Online-Anträge: Wohnsitz und Gewerbe online (60 %)"

sk status strategy.yaml infrastruktur-zukunft in-progress
sk progress strategy.yaml infrastruktur-zukunft 15
commit 2020-01-20 "Zukunftsfähige Infrastruktur: Ausbau begonnen"

sk status strategy.yaml smarte-mobilitaet planned
commit 2020-03-10 "Smarte Mobilität: Förderantrag gestellt, in der Planung"

sk measure strategy.yaml stadtportal 1 12 --date 2020-06-30 --source Bürgerbüro
sk measure strategy.yaml infrastruktur-zukunft 1 4 --date 2020-06-30 --source IT-Koordination
sk progress strategy.yaml infrastruktur-zukunft 40
commit 2020-07-02 "Halbjahreszahlen 2020: Online-Leistungen und Glasfaserstandorte"

sk add project strategy.yaml --id sitzungsdienst --title "Digitaler Sitzungsdienst" \
  --field digitales-rathaus --lead fb1 --status candidate \
  --description "Ratsinformationssystem und papierlose Sitzungen für Rat und Ausschüsse."
commit 2020-09-14 "Neuer Kandidat aus dem Ausschuss: Digitaler Sitzungsdienst"

sk status strategy.yaml datenaustausch dropped
commit 2020-11-05 "Datenaustausch zurückgezogen: geht im Stadtportal auf"

sk progress strategy.yaml online-antraege 100
sk status strategy.yaml online-antraege done
sk measure strategy.yaml stadtportal 1 27 --date 2020-12-31 --source Bürgerbüro
# The treasury's figures for 2020: the own share of the fibre works ran over
# (civil engineering at two school sites), budget warns and writes it.
sk budget strategy.yaml infrastruktur-zukunft 2020 --spent 58400 --source Gigabitförderung
sk budget strategy.yaml infrastruktur-zukunft 2020 --spent 23150 --source own
sk budget strategy.yaml stadtportal 2020 --spent 38900 --source own
commit 2021-01-12 "Online-Anträge abgeschlossen; Jahreszahlen 2020"

sk status strategy.yaml sitzungsdienst prioritised
commit 2021-03-22 "Digitaler Sitzungsdienst priorisiert"

sk measure strategy.yaml infrastruktur-zukunft 1 9 --date 2021-06-30 --source IT-Koordination
sk progress strategy.yaml infrastruktur-zukunft 80
sk progress strategy.yaml smarte-mobilitaet 5
sk status strategy.yaml smarte-mobilitaet in-progress
# Spent in the first half of 2021: the report on October 2020 to September 2021
# reads the repository as this commit left it, the last before its end.
sk budget strategy.yaml infrastruktur-zukunft 2021 --spent 24300 --source grant
sk budget strategy.yaml infrastruktur-zukunft 2021 --spent 6200 --source own
sk budget strategy.yaml stadtportal 2021 --spent 4800 --source own
commit 2021-07-05 "Halbjahreszahlen 2021; Smarte Mobilität gestartet"

sk measure strategy.yaml stadtportal 1 34 --date 2021-09-30 --source Bürgerbüro
sk budget strategy.yaml infrastruktur-zukunft 2021 --spent 28700 --source grant
sk budget strategy.yaml infrastruktur-zukunft 2021 --spent 7900 --source own
sk budget strategy.yaml stadtportal 2021 --spent 7450 --source own
commit 2021-10-04 "Stand zum Umsetzungsbericht 2021"
