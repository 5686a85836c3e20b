"""The live room on the local network: ``strategy-kit serve``.

The last stage before the command line. :mod:`.room` keeps the running room
(the workshop, its journal, the rounds rebuilt from it) and writes every event
durably before anything is confirmed; :mod:`.guard` holds the room's defences
(tokens, CSRF, headers, size and rate limits); :mod:`.app` is the web
application over both: server-rendered pages for the projector, the
facilitator's console and the participants' phones, kept live by server-sent
events. Nothing here reads a clock or the network at import time, and nothing
is imported before ``serve`` runs.
"""
