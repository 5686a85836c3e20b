"""``strategy-kit serve``: the live room on the local network."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import socket

#: The port a room listens on unless ``--port`` says otherwise.
DEFAULT_PORT = 8765


def serve(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The workshop file.", show_default=False)],
    host: Annotated[
        str,
        typer.Option(
            "--host",
            metavar="ADDRESS",
            help="The address to listen on. Default 127.0.0.1 (this computer only); give the laptop's "
            "address in the room's network, or 0.0.0.0 for all, so that phones can join.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="The port (0: any free one).")] = DEFAULT_PORT,
    url: Annotated[
        str | None,
        typer.Option("--url", metavar="URL", help="The join address phones open, if not http://HOST:PORT/."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the pages: de or en.")] = "de",
    codes: Annotated[
        Path | None,
        typer.Option(
            "--codes",
            metavar="OUT.pdf",
            help="Issue one-time participant codes (one per participant, by department) and print them "
            "as cut-out cards into OUT.pdf; then only a code votes. Does not start the room.",
        ),
    ] = None,
    spare: Annotated[int, typer.Option("--spare", min=0, max=500, help="With --codes: cards for guests, without a group.")] = 0,
    ballots: Annotated[
        Path | None,
        typer.Option(
            "--ballots",
            metavar="OUT.csv|OUT.json",
            help="Export the journal's anonymous single ballots (no code, no key) and exit.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT files that exist.")] = False,
) -> None:
    """Run the workshop day: projector, facilitator console and voting on phones.

    Prints the facilitator's address (with its secret token), the projector's
    and the join address with a QR code. Every ballot goes into
    .strategy-kit/FILE.journal.jsonl before the phone is told it counts;
    closing a round writes its totals into FILE through the safe edit path.
    Stop it with Ctrl+C; start it again and it is where it was.
    """
    from strategy_kit.cli.output import fail, print_diagnostics
    from strategy_kit.document.diagnostics import DiagnosticError

    if lang not in ("de", "en"):
        fail(f"--lang {lang!r}: use de or en")
        raise typer.Exit(2)
    if url is not None and not _web_address(url):
        fail(f"--url {url!r}: give the address phones open, such as http://192.168.1.20:8765/")
        raise typer.Exit(2)
    try:
        if codes is not None:
            if url is None and _loopback(host):
                fail(
                    "--codes: the cards need the address phones reach, not this computer's own; "
                    "give --host with the laptop's address in the room's network (or --url)"
                )
                raise typer.Exit(2)
            _codes(file, codes, spare, url or _join_url(host, port), lang, force=force)
            return
        if ballots is not None:
            _ballots(file, ballots, lang, force=force)
            return
        _serve(file, host, port, url, lang)
    except DiagnosticError as exc:
        print_diagnostics(exc.diagnostics, stderr=True)
        raise typer.Exit(int(exc.exit_code)) from None


def _codes(file: Path, out: Path, spare: int, join_url: str, lang: str, *, force: bool) -> None:
    from strategy_kit.check.validate import load_document
    from strategy_kit.cli.output import console, write_output
    from strategy_kit.compute.ballots import event, replay
    from strategy_kit.compute.codes import groups_of, issue
    from strategy_kit.files.journal import open_journal
    from strategy_kit.present.pdf import codes_pdf

    loaded = load_document(file)
    groups = [*groups_of(loaded.document), *([None] * spare)]
    if not groups:
        from strategy_kit.cli.output import fail

        fail(f"{file}: no participants and no --spare: no codes to print")
        raise typer.Exit(2)
    journal, past = open_journal(file)
    with journal:
        room, _ = replay(past.events)
        issued = issue(groups, existing=room.codes)
        pdf = codes_pdf(list(issued.items()), join_url, loaded.document.workshop.title, lang)
        write_output(pdf, out, force=force)
        import datetime as dt
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(loaded.document.workshop.timezone)
        journal.append(event("codes", dt.datetime.now(zone).isoformat(timespec="seconds"), codes=issued))
    console().print(f"{out}: {len(issued)} participant codes; from now on only a code votes", markup=False)


def _ballots(file: Path, out: Path, lang: str, *, force: bool) -> None:
    from strategy_kit.check.validate import load_document
    from strategy_kit.cli.output import console, fail, write_output
    from strategy_kit.compute.ballots import questions, replay
    from strategy_kit.files.journal import journal_path
    from strategy_kit.files.journal import replay as read_journal
    from strategy_kit.present.ballots import export_ballots

    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("csv", "json"):
        fail(f"--ballots {out}: name a .csv or a .json file")
        raise typer.Exit(2)
    loaded = load_document(file)
    events = read_journal(journal_path(file)).events
    room, _ = replay(events)
    titles = {p.id: p.title for p in loaded.document.projects}
    data = export_ballots(room, fmt=fmt, lang=lang, titles=titles, questions=questions(events))  # type: ignore[arg-type]
    write_output(data, out, force=force)
    console(stderr=True).print(f"{out}: the ballots of {len(room.rounds)} rounds", markup=False)


def _web_address(url: str) -> bool:
    """Whether ``url`` is an http(s) address with a host: what a phone's browser can open."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and url.isprintable() and " " not in url


def _loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def _join_url(host: str, port: int) -> str:
    """``http://ADDRESS:PORT/``: the address phones reach (a wildcard host names this machine's own)."""
    shown = lan_address() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def lan_address() -> str:
    """This machine's address in its network: the one a packet to a private address would leave from.

    Nothing is sent (a UDP socket only chooses its route). Without a route,
    the host name's address, else 127.0.0.1.
    """
    import socket

    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return str(probe.getsockname()[0])
    except OSError:
        try:
            return socket.gethostbyname(socket.gethostname())
        except OSError:
            return "127.0.0.1"
    finally:
        probe.close()


def _bind(host: str, port: int) -> socket.socket:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except (OSError, OverflowError) as exc:
        sock.close()
        from strategy_kit.cli.output import fail

        reason = getattr(exc, "strerror", None) or str(exc)
        fail(f"cannot listen on {host}:{port}: {reason}")
        raise typer.Exit(2) from None
    sock.listen(512)
    sock.set_inheritable(True)
    return sock


def _serve(file: Path, host: str, port: int, url: str | None, lang: str) -> None:
    import uvicorn

    from strategy_kit.cli.output import console
    from strategy_kit.serve.app import Settings, create_app
    from strategy_kit.serve.guard import Secrets
    from strategy_kit.serve.room import LiveRoom

    live = LiveRoom.start(file)
    try:
        sock = _bind(host, port)
        port = sock.getsockname()[1]
        join = url or _join_url(host, port)
        # The same token, key and room number on every start: a restart changes nothing for the room.
        keys, live.room_code = Secrets.kept(file)
        app = create_app(live, Settings(join, lang, keys))
        local = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        local = f"[{local}]" if ":" in local else local
        out = console()
        out.print(f"{file}: the room is open", markup=False)
        out.print(f"  Moderation (secret): http://{local}:{port}/console?token={keys.token}", markup=False)
        out.print(f"  Beamer / projector:  http://{local}:{port}/projector", markup=False)
        out.print(f"  Teilnahme / join:    {join}", markup=False)
        if not live.codes_required:
            out.print(f"  Zugangsnummer / access number: {live.room_code}", markup=False)
        if live.refused:
            from strategy_kit.present.labels import label

            out.print("  " + label("serve.journal_refused_cli", lang).format(n=len(live.refused)), markup=False)
        if live.torn is not None:
            out.print("  The journal's last line was cut off by a crash and left out; it was never confirmed.", markup=False)
        if _loopback(host):
            out.print("  Only this computer can join; give --host ADDRESS for the room's network.", markup=False)
        _print_qr(join if live.codes_required else join.rstrip("/") + f"/j/{live.room_code}")
        out.print("Ctrl+C stops the room; started again, it is where it was.", markup=False)
        config = uvicorn.Config(
            app, log_level="warning", access_log=False, timeout_graceful_shutdown=2, lifespan="off",
            server_header=False, proxy_headers=False, ws="none",
        )
        _stop_on_term()
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        live.close()


def _stop_on_term() -> None:
    """SIGTERM (a service manager, ``kill``) stops the room as Ctrl+C does: uvicorn shuts down,
    hands the signal on to this handler, and the command exits 0 with its journal closed."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))


def _print_qr(target: str) -> None:
    import io

    import segno

    if not sys.stdout.isatty():
        return
    buffer = io.StringIO()
    segno.make(target, error="m").terminal(out=buffer, compact=True)
    sys.stdout.write(buffer.getvalue())
