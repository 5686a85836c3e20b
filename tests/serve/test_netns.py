"""The room on a network of its own: the server and the phones in separate network namespaces.

The test builds a small room network with iproute2: a namespace for the
laptop (``sk-srv-*``, 10.77.0.1 on a bridge, as a Wi-Fi access point would
join them) and two for devices (the facilitator's tablet at 10.77.0.2, a
phone at 10.77.0.3), each linked to the bridge by a veth pair. ``serve FILE
--host 10.77.0.1`` runs in the laptop's namespace; the devices run a small
client there through ``ip netns exec``. So the join address, the ``--host``
binding and a client on another address are exercised for real, and a room
bound to one address is shown to be unreachable on another.

Needs root (or CAP_NET_ADMIN and CAP_SYS_ADMIN) and ``ip``; skipped with the
reason otherwise. The namespaces are deleted whatever happens.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import ROOT, copy_example
from tests.serve.server import running

from strategy_kit.check.validate import load_document
from strategy_kit.files import journal

pytestmark = pytest.mark.slow

SERVER = "10.77.0.1"
TABLET = "10.77.0.2"
PHONE = "10.77.0.3"


def ip(*args: str) -> None:
    done = subprocess.run(["ip", *args], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise OSError(f"ip {' '.join(args)}: {done.stderr.strip()}")


@dataclass(frozen=True)
class Network:
    """The namespaces of the room: the laptop's and one per device (address to namespace)."""

    server: str
    devices: dict[str, str]

    def run(self, namespace: str, *command: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.run(
            ["ip", "netns", "exec", namespace, *command], capture_output=True, text=True, timeout=60, env=env, cwd=ROOT
        )


def _reason_not_possible() -> str | None:
    if sys.platform != "linux":
        return "network namespaces are Linux's"
    if shutil.which("ip") is None:
        return "no `ip` (iproute2) to make network namespaces with"
    if os.geteuid() != 0:
        return "making network namespaces needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN)"
    return None


@pytest.fixture
def network() -> Iterator[Network]:
    """The laptop's namespace with a bridge at 10.77.0.1/24, and the tablet's and the phone's linked to it."""
    reason = _reason_not_possible()
    if reason:
        pytest.skip(reason)
    tag = secrets.token_hex(3)
    server = f"sk-srv-{tag}"
    devices = {TABLET: f"sk-tab-{tag}", PHONE: f"sk-pho-{tag}"}
    made: list[str] = []
    try:
        try:
            for namespace in (server, *devices.values()):
                ip("netns", "add", namespace)
                made.append(namespace)
                ip("-n", namespace, "link", "set", "lo", "up")
            ip("-n", server, "link", "add", "br0", "type", "bridge")
            ip("-n", server, "addr", "add", f"{SERVER}/24", "dev", "br0")
            ip("-n", server, "link", "set", "br0", "up")
            for number, (address, namespace) in enumerate(devices.items()):
                # The pair is made inside the device's namespace, so no name is ever seen by the host's.
                ip("-n", namespace, "link", "add", "eth0", "type", "veth", "peer", "name", f"port{number}", "netns", server)
                ip("-n", server, "link", "set", f"port{number}", "master", "br0", "up")
                ip("-n", namespace, "addr", "add", f"{address}/24", "dev", "eth0")
                ip("-n", namespace, "link", "set", "eth0", "up")
        except OSError as exc:
            pytest.skip(f"cannot make network namespaces here: {exc}")
        yield Network(server, devices)
    finally:
        for namespace in made:
            subprocess.run(["ip", "netns", "del", namespace], capture_output=True, timeout=30)


# A device's side: the facilitator opens a dot vote, or a phone joins and votes. Prints what it saw as JSON.
DEVICE = """
import json, sys
from tests.serve.phones import Facilitator, Phone, confirmed, projector
role, base = sys.argv[1], sys.argv[2]
if role == "tablet":
    console = Facilitator(sys.argv[3], base)
    console.act("open", kind="dots", budget="3", cap="0")
    print(json.dumps({"opened": True}))
else:
    code, project = sys.argv[3], sys.argv[4]
    phone = Phone(base)
    phone.join(code)
    answer = phone.vote(phone.round, {project: 2})
    print(json.dumps({"saved": confirmed(answer), "browser": phone.browser, "voters": projector(base)[0]}))
"""

# Whether a TCP connection to HOST:PORT is taken: "open", or the error's name ("ConnectionRefusedError").
CONNECT = """
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5).close()
    print("open")
except OSError as exc:
    print(type(exc).__name__)
"""


def device(network: Network, address: str, *args: str) -> dict[str, object]:
    done = network.run(network.devices[address], sys.executable, "-c", DEVICE, *args)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def connect(network: Network, namespace: str, host: str, port: int) -> str:
    done = network.run(namespace, sys.executable, "-c", CONNECT, host, str(port))
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_phones_on_another_host_join_the_address_the_room_printed(network: Network, tmp_path: Path) -> None:
    workshop = copy_example("telgte.yaml", tmp_path)
    project = load_document(workshop).document.projects[0].id
    with running(workshop, "--host", SERVER, prefix=["ip", "netns", "exec", network.server]) as served:
        port = int(served.join.rsplit(":", 1)[1].strip("/"))
        assert served.join == f"http://{SERVER}:{port}/"
        assert served.console.startswith(f"http://{SERVER}:{port}/console?token=")
        assert served.room_code is not None

        # The facilitator's tablet opens a vote with the printed token; a phone elsewhere joins and votes.
        assert device(network, TABLET, "tablet", served.base, served.console) == {"opened": True}
        seen = device(network, PHONE, "phone", served.base, served.room_code, project)
        assert seen["saved"] is True
        assert seen["voters"] == 1

        # Bound to 10.77.0.1 only: not on the laptop's own loopback, not on an address it did not name.
        assert connect(network, network.server, "127.0.0.1", port) == "ConnectionRefusedError"
        assert connect(network, network.devices[PHONE], SERVER, port) == "open"

    ballots = [e for e in journal.replay(journal.journal_path(workshop)).events if e["event"] == "ballot"]
    assert [(b["voter"], b["choices"]) for b in ballots] == [(seen["browser"], {project: 2})]


def test_a_room_on_loopback_is_unreachable_from_another_host(network: Network, tmp_path: Path) -> None:
    workshop = copy_example("telgte.yaml", tmp_path)
    with running(workshop, prefix=["ip", "netns", "exec", network.server]) as served:
        port = int(served.base.rsplit(":", 1)[1])
        assert served.base == f"http://127.0.0.1:{port}"
        assert connect(network, network.server, "127.0.0.1", port) == "open"
        for address in (TABLET, PHONE):
            assert connect(network, network.devices[address], SERVER, port) == "ConnectionRefusedError"
