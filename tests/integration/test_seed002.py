# SPDX-License-Identifier: GPL-2.0-or-later
"""Seed 002 ("Configuring PPP Callback"): dial-on-demand routing between
two nasd routers with a BRI each on the built-in phone network (ISDN BRI
subscribers 81012345678901 and 81012345678902), issue 5's done-when 1, 3
and 4, and the idle timeout.

The seed's names: the callback server's map for 10.1.1.8 says `name
atlanta`, the client's map for 10.1.1.7 says `name dallas`.  A map's name
is the name the peer authenticates with, so the router at 10.1.1.8 (the
callback client, subscriber 81012345678901, the number the server's map
dials back) is `hostname atlanta` and the router at 10.1.1.7 (the callback
server, subscriber 81012345678902, the number the client's map dials) is
`hostname dallas` -- the other way round from the seed's prose, which
puts the server in Atlanta; its configurations are the authority.  Both
run the seed's interface configuration verbatim (tests/vectors/
seed002-*.cfg) with what it needs around it: hostname, a username and
password for CHAP both ways, `isdn switch-type`, `pstn attach`,
`dialer-list 1 protocol ip permit` and, on the server, a static route to
the client's host subnet."""

import os
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
import pstnlib  # noqa: E402
from nasnet import Netns, wait_until  # noqa: E402

VECTORS = os.path.join(nasnet.ROOT, "tests", "vectors")
CLIENT_NUMBER = "81012345678901"  # atlanta, 10.1.1.8
SERVER_NUMBER = "81012345678902"  # dallas, 10.1.1.7
HOST_NET = "192.168.50"

PSTN_BODY = (
    "subscriber 81012345678901\n"
    " isdn bri\n"
    " endpoint attach\n"
    "subscriber 81012345678902\n"
    " isdn bri\n"
    " endpoint attach\n")

DEBUGS = ("dialer events", "ppp negotiation", "ppp authentication",
          "isdn events")


def vector(name):
    with open(os.path.join(VECTORS, name)) as f:
        return f.read()


def seed_interface(name):
    """The seed's configuration text, comments left out, and the BRI's
    stanza split from the rest so that `pstn attach` can join it."""
    text = "".join(l for l in vector(name).splitlines(True)
                   if not l.startswith("!"))
    head, sep, rest = text.partition("map-class")
    return head, sep + rest


def around(hostname, peer, number, attach, stanza, extra_global="",
           extra_if=""):
    if_part, global_part = stanza
    return (
        "hostname %s\n"
        "service timestamps debug datetime msec\n"
        "username %s password 0 s3cret\n"
        "isdn switch-type basic-net3\n"
        "%s"
        " pstn attach %s %s\n"
        "%s"
        "!\n"
        "%s"
        "dialer-list 1 protocol ip permit\n"
        "%s"
        "end\n" % (hostname, peer, if_part, attach, number, extra_if,
                   global_part, extra_global))


def server_config(attach, extra_if=""):
    return around("dallas", "atlanta", SERVER_NUMBER, attach,
                  seed_interface("seed002-atlanta.cfg"),
                  "ip route %s.0 255.255.255.0 10.1.1.8\n" % HOST_NET,
                  extra_if)


def client_config(attach, hostname="atlanta", extra_if=""):
    return around(hostname, "dallas", CLIENT_NUMBER, attach,
                  seed_interface("seed002-dallas.cfg"), "", extra_if)


@pytest.fixture
def pstn():
    yield from pstnlib.serve(PSTN_BODY)


@pytest.fixture
def host(net):
    """A host namespace behind the client's namespace (b): veth
    192.168.50.2 <-> 192.168.50.1, the client's namespace forwarding."""
    h = Netns("nasd-h-%d" % os.getpid())
    nb = net["ns"]["b"].name
    subprocess.run(["ip", "link", "add", "vh", "netns", h.name, "type",
                    "veth", "peer", "name", "vb", "netns", nb], check=True)
    h.run(["ip", "addr", "add", HOST_NET + ".2/24", "dev", "vh"],
          check=True)
    h.run(["ip", "link", "set", "vh", "up"], check=True)
    h.run(["ip", "route", "add", "default", "via", HOST_NET + ".1"],
          check=True)
    b = net["ns"]["b"]
    b.run(["ip", "addr", "add", HOST_NET + ".1/24", "dev", "vb"],
          check=True)
    b.run(["ip", "link", "set", "vb", "up"], check=True)
    b.run(["sysctl", "-qw", "net.ipv4.ip_forward=1"], check=True)
    yield h
    h.delete()


def isdn_up(n):
    for i in n.json("show isdn status")["interfaces"]:
        if i["interface"] == "BRI0" and i["layer2_up"]:
            return True
    return False


def dialer(n):
    return n.json("show dialer")["dialers"][0]


def up_links(n):
    return [lk for lk in dialer(n)["links"]
            if lk["state"] == "data link layer up"]


def start_pair(net, pstn, server_extra="", client_extra="",
               client_name="atlanta"):
    a = net["start"]("dallas", "a", server_config(pstn.attach, server_extra),
                     debugs=DEBUGS)
    b = net["start"](client_name, "b",
                     client_config(pstn.attach, client_name, client_extra),
                     debugs=DEBUGS)
    wait_until(lambda: isdn_up(a) and isdn_up(b), timeout=15,
               what="both BRIs at layer 2")
    return a, b


def test_seed002_callback_between_routers(net, pstn, host):
    """Done-when 1: the host behind the client pings the server's
    address; the client dials, the server drops the first call and calls
    back after `dialer enable-timeout 2`; the pings then get through."""
    a, b = start_pair(net, pstn)
    # Both dialers are idle, with the seed's timers.
    da, db = dialer(a), dialer(b)
    assert da["interface"] == "BRI0" and da["type"] == "ISDN"
    assert da["enable_s"] == 2 and db["enable_s"] == 15
    assert da["links"] == [] and db["links"] == []

    def ping_ok():
        r = host.run(["ping", "-n", "-c", "1", "-W", "1", "10.1.1.7"])
        return r.returncode == 0
    wait_until(ping_ok, timeout=60, interval=0.5,
               what="a ping from the host to 10.1.1.7")
    la, lb = a.log(), b.log()
    # The client: interesting traffic dials the map for 10.1.1.7.
    assert ("BR0 DDR: Dialing cause ip (s=%s.2, d=10.1.1.7)" % HOST_NET
            in lb)
    assert "BR0 DDR: Attempting to dial %s" % SERVER_NUMBER in lb
    assert "BR0 DDR: waiting for callback from dallas" in lb
    assert "DDR: callback from dallas connected" in lb
    # The server: callback-secure, the map's number, the re-enable wait.
    assert "DDR: Callback received from atlanta %s" % CLIENT_NUMBER in la
    assert "BR0 DDR: Callback timer expired" in la
    assert "BR0 DDR: beginning callback to atlanta %s" % CLIENT_NUMBER \
        in la
    assert "BR0 DDR: Attempting to dial %s" % CLIENT_NUMBER in la
    assert "%DIALER-6-CALLBACK: BRI0:" in la
    # The first call asked for callback (RFC 1570 op 0) and was ended.
    da, db = dialer(a), dialer(b)
    assert da["counters"]["callbacks"] == 1
    assert da["counters"]["callback_rejected"] == 0
    assert db["counters"]["calls"] == 1
    [la_link] = up_links(a)
    [lb_link] = up_links(b)
    assert la_link["direction"] == "outgoing" and la_link["callback_return"]
    assert la_link["number"] == CLIENT_NUMBER
    assert la_link["remote_name"] == "atlanta"
    assert lb_link["direction"] == "incoming"
    assert lb_link["remote_name"] == "dallas"
    assert da["dial_strings"] == [{
        "number": CLIENT_NUMBER, "successes": 1, "failures": 0,
        "last_call_ago_s": da["dial_strings"][0]["last_call_ago_s"],
        "last_status": "successful"}]
    # show dialer, as an engineer reads it.
    ta, tb = a.cli("show dialer"), b.cli("show dialer")
    assert "BRI0 - dialer type = ISDN" in ta
    assert "Idle timer (120 secs), Fast idle timer (20 secs)" in ta
    assert "Wait for carrier (30 secs), Re-enable (2 secs)" in ta
    assert "Connected to %s (atlanta)" % CLIENT_NUMBER in ta
    assert "Dialer state is data link layer up" in ta
    assert "Connected to %s (dallas)" % SERVER_NUMBER in tb
    # Two calls in the phone network: the client's, then the server's.
    calls = pstn.calls()
    assert [(c["caller"], c["callee"]) for c in calls][:2] == [
        (CLIENT_NUMBER, SERVER_NUMBER), (SERVER_NUMBER, CLIENT_NUMBER)]
    # The return call carries the traffic both ways.
    r = host.run(["ping", "-n", "-c", "3", "-i", "0.2", "-W", "2",
                  "10.1.1.7"])
    assert r.returncode == 0, r.stdout
    assert "s3cret" not in la + lb
    assert a.alive() and b.alive()



RECEIVER = r"""
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 9999))
with open(sys.argv[1], "a") as f:
    while True:
        data, _ = s.recvfrom(2048)
        f.write(data.decode() + "\n")
        f.flush()
"""

SENDER = r"""
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(int(sys.argv[1]), int(sys.argv[2])):
    s.sendto(b"seq %d" % i, ("10.1.1.7", 9999))
"""


def received(path):
    try:
        with open(path) as f:
            return [int(l.split()[1]) for l in f if l.startswith("seq ")]
    except OSError:
        return []


def test_hold_queue_through_callback(net, pstn):
    """Done-when 3: `dialer hold-queue 10` on the callback client: five
    datagrams sent while dialling all arrive, in order, once the return
    call is up; then, with the link down again, fifteen: the first ten
    arrive and exactly five are refused and counted."""
    a, b = start_pair(net, pstn,
                      client_extra=" dialer hold-queue 10\n"
                                   " dialer enable-timeout 2\n")
    out = os.path.join(net["dir"], "udp.txt")
    rx = subprocess.Popen(net["ns"]["a"].cmd(
        [sys.executable, "-c", RECEIVER, out]))
    try:
        time.sleep(0.5)
        net["ns"]["b"].run([sys.executable, "-c", SENDER, "0", "5"],
                           check=True)
        wait_until(lambda: len(received(out)) >= 5, timeout=30,
                   what="the five queued datagrams")
        time.sleep(0.5)
        assert received(out) == [0, 1, 2, 3, 4]
        hq = dialer(b)["hold_queue"]
        assert hq["limit"] == 10 and hq["length"] == 0
        assert hq["queued"] == 5 and hq["sent"] == 5 and hq["dropped"] == 0
        assert dialer(b)["counters"]["queue_full"] == 0
        # Down again, then more than the queue holds.
        b.cli("clear interface BRI0")
        wait_until(lambda: not dialer(a)["links"] and
                   not dialer(b)["links"] and
                   dialer(b)["reenable_left_s"] is None, timeout=20,
                   what="both dialers idle, re-enabled")
        net["ns"]["b"].run([sys.executable, "-c", SENDER, "100", "115"],
                           check=True)
        wait_until(lambda: len(received(out)) >= 15, timeout=30,
                   what="ten more datagrams")
        time.sleep(1)
        assert received(out) == [0, 1, 2, 3, 4] + list(range(100, 110))
        db = dialer(b)
        assert db["counters"]["queue_full"] == 5
        assert db["hold_queue"]["queued"] == 15
        assert db["hold_queue"]["sent"] == 15
        assert ("Hold queue: 0 of 10 packets, 15 queued, 15 sent, "
                "0 dropped, 5 refused when full") in b.cli("show dialer")
        # `clear dialer` zeroes the statistics, the call stays.
        b.cli("clear dialer")
        assert dialer(b)["counters"]["queue_full"] == 0
        assert len(up_links(b)) == 1
    finally:
        rx.kill()
        rx.wait()
    assert a.alive() and b.alive()


def test_callback_secure_refuses_unknown_caller(net, pstn, host):
    """Done-when 4 (first half): a dial-in from a user the server has no
    callback map for (houston) is disconnected by `dialer callback-secure`
    and not called back."""
    a = net["start"]("dallas", "a", server_config(pstn.attach).replace(
        "username atlanta", "username houston"), debugs=DEBUGS)
    b = net["start"]("houston", "b",
                     client_config(pstn.attach, "houston"), debugs=DEBUGS)
    wait_until(lambda: isdn_up(a) and isdn_up(b), timeout=15,
               what="both BRIs at layer 2")
    host.run(["ping", "-n", "-c", "1", "-W", "1", "10.1.1.7"])
    wait_until(lambda: dialer(a)["counters"]["callback_rejected"] == 1,
               timeout=20, what="the call rejected for callback")
    wait_until(lambda: not dialer(a)["links"], timeout=15,
               what="the call cleared")
    # Longer than the server's re-enable (2 s): still no return call.
    time.sleep(4)
    la = a.log()
    assert "DDR: callback-secure: disconnecting houston" in la
    assert ("%DIALER-5-CALLBACK_SECURE: BRI0:" in la and
            "houston is not a callback user" in la)
    assert "beginning callback" not in la
    da = dialer(a)
    assert da["counters"]["callbacks"] == 0
    assert da["callback"]["pending"] == []
    assert "1 incoming call(s) rejected for callback." in a.cli(
        "show dialer")
    assert [c["caller"] for c in pstn.calls()] == [CLIENT_NUMBER]
    assert a.alive() and b.alive()


def test_idle_timeout_tears_the_link_down(net, pstn, host):
    """A short `dialer idle-timeout` on the client: once the pings stop,
    the client hangs up (LCP Terminate, then the ISDN call is cleared) and
    both dialers are idle again."""
    a, b = start_pair(net, pstn,
                      client_extra=" dialer idle-timeout 4\n")
    assert dialer(b)["idle_s"] == 4

    def ping_ok():
        r = host.run(["ping", "-n", "-c", "1", "-W", "1", "10.1.1.7"])
        return r.returncode == 0
    wait_until(ping_ok, timeout=60, interval=0.5, what="the link up")
    [lk] = up_links(b)
    assert lk["idle_left_s"] <= 4
    wait_until(lambda: not dialer(b)["links"] and not dialer(a)["links"],
               timeout=20, what="the link torn down by the idle timer")
    lb = b.log()
    assert "DDR: idle timeout" in lb
    assert "LCP: O TERMREQ" in lb
    wait_until(lambda: all(c["state"] == "released" for c in pstn.calls()),
               timeout=10, what="the calls released")
    assert not a.json("show isdn active")["calls"]
    assert a.alive() and b.alive()


def test_fixed_number_cannot_be_redirected(net, pstn, host):
    """Done-when 4 (second half): a client that offers its own number
    (RFC 1570 operation 1, nasd's `ppp callback request dialstring`) to
    a server whose map class is `dialer callback-server username` is
    called back at the map's number only."""
    a = net["start"]("dallas", "a", server_config(pstn.attach),
                     debugs=DEBUGS)
    b = net["start"]("atlanta", "b", client_config(pstn.attach).replace(
        " ppp callback request\n",
        " ppp callback request dialstring 0900666666\n"), debugs=DEBUGS)
    wait_until(lambda: isdn_up(a) and isdn_up(b), timeout=15,
               what="both BRIs at layer 2")

    def ping_ok():
        r = host.run(["ping", "-n", "-c", "1", "-W", "1", "10.1.1.7"])
        return r.returncode == 0
    wait_until(ping_ok, timeout=60, interval=0.5,
               what="a ping through the return call")
    la, lb = a.log(), b.log()
    # The offer went out as operation 1 with the number, and was heard.
    assert "Callback 1" in lb
    assert ("DDR: callback number 0900666666 offered by atlanta ignored"
            in la)
    assert "DDR: Callback received from atlanta %s" % CLIENT_NUMBER in la
    assert "BR0 DDR: Attempting to dial %s" % CLIENT_NUMBER in la
    assert "0900666666" not in [c["callee"] for c in pstn.calls()]
    assert [c["callee"] for c in pstn.calls()][:2] == [SERVER_NUMBER,
                                                       CLIENT_NUMBER]
    assert dialer(a)["counters"]["callbacks"] == 1
    assert a.alive() and b.alive()
