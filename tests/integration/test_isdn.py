# SPDX-License-Identifier: GPL-2.0-or-later
"""ISDN on the built-in phone network: a modem call landing on a PRI and
handed to a digital modem of nasd (seed 001's `isdn incoming-voice modem`)
with an EXEC login and with PPP autoselect, ISDN data calls between two
nasd BRIs (sync PPP on a B-channel, CHAP, IPCP), and the failure cases:
carrier loss in mid-session, line noise, the line reused afterwards."""

import os
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
import pstnlib  # noqa: E402
from nasnet import wait_until  # noqa: E402
from pstnlib import PtyDte  # noqa: E402

PRI_NUMBER = "4084327528"

PSTN_BODY = (
    "subscriber 4084327528\n"
    " description nasd PRI\n"
    " isdn pri-t1\n"
    " endpoint attach\n"
    "subscriber 5279651\n"
    " endpoint pty @DIR@/modemA\n"
    "subscriber 5551000\n"
    " endpoint pty @DIR@/modemB\n"
    "subscriber 5552000\n"
    " endpoint attach\n"
    "subscriber 5553000\n"
    " endpoint attach\n"
    " ber 1e-4\n"
    " seed 7\n"
    "subscriber 6121\n"
    " isdn bri\n"
    " endpoint attach\n"
    "subscriber 6122\n"
    " isdn bri\n"
    " endpoint attach\n")


def pri_server(attach, first=1, last=6):
    """Seed 001's access server, bound to the phone network."""
    return (
        "hostname isdn2-2\n"
        "service timestamps debug datetime msec\n"
        "username bob password 0 s3cret\n"
        "isdn switch-type primary-5ess\n"
        "controller T1 0\n"
        " framing esf\n"
        " clock source line secondary\n"
        " linecode b8zs\n"
        " pri-group timeslots 1-24\n"
        " pstn attach %s %s\n"
        "interface Loopback0\n"
        " ip address 10.9.0.1 255.255.255.255\n"
        "interface Serial0:23\n"
        " ip unnumbered Loopback0\n"
        " encapsulation ppp\n"
        " isdn incoming-voice modem\n"
        "interface Group-Async1\n"
        " ip unnumbered Loopback0\n"
        " encapsulation ppp\n"
        " async mode interactive\n"
        " peer default ip address pool default\n"
        " ppp authentication chap\n"
        " group-range %d %d\n"
        "ip local pool default 10.9.0.10 10.9.0.20\n"
        "line %s\n"
        " autoselect during-login\n"
        " autoselect ppp\n"
        " login local\n"
        " modem InOut\n"
        " exec-timeout 0 0\n"
        "end\n" % (attach, PRI_NUMBER, first, last,
                    "%d %d" % (first, last) if last > first else first))


@pytest.fixture
def pstn():
    yield from pstnlib.serve(PSTN_BODY)


def line_json(n, num):
    return n.json("show line %d" % num)["lines"][0]


def isdn_up(n, ifname):
    for i in n.json("show isdn status")["interfaces"]:
        if i["interface"] == ifname and i["layer2_up"]:
            return True
    return False


def start_server(net, pstn, debugs=("isdn q931", "isdn events", "modem")):
    a = net["start"]("isdn2-2", "a", pri_server(pstn.attach),
                     debugs=nasnet.Nasd.DEBUGS + debugs)
    wait_until(lambda: isdn_up(a, "Serial0:23"), timeout=15,
               what="PRI layer 2 up")
    return a


def dial(dte, number):
    dte.send("ATDT %s\r" % number)
    return dte.expect(rb"(CONNECT \d+|BUSY|NO CARRIER|NO DIALTONE)\r\n",
                      timeout=20).group(1).decode()


def login(dte, name="isdn2-2"):
    dte.expect(b"Username: ", timeout=15)
    dte.send("bob\r")
    dte.expect(b"Password: ")
    dte.send("s3cret\r")
    dte.expect(name.encode() + b">")


def test_pri_voice_call_to_digital_modem(net, pstn):
    """Done-when 1: ATDT 4084327528 from a pty reaches nasd's PRI, lands
    on a digital modem, CONNECT 33600, Username:, login, show users, hang
    up; the line is idle again."""
    a = start_server(net, pstn)
    t = PtyDte(pstn.path("modemA"))
    try:
        assert dial(t, PRI_NUMBER) == "CONNECT 33600"
        login(t)
        busy = [n for n in range(1, 7) if line_json(a, n)["state"] == "EXEC"]
        assert len(busy) == 1
        num = busy[0]
        t.send("show users\r")
        out = t.expect(b"isdn2-2>").string.decode(errors="replace")
        assert "bob" in out
        active = a.json("show isdn active")["calls"]
        assert len(active) == 1
        c = active[0]
        assert c["type"] == "voice" and c["direction"] == "in"
        assert c["called"] == PRI_NUMBER and c["calling"] == "5279651"
        assert c["interface"] == "Serial0:%d" % (c["bchannel"] - 1)
        assert "show isdn" not in a.cli("show isdn status")  # no error
        calls = pstn.calls()
        assert calls[-1]["bearer"] == "3.1kHz-audio"
        assert calls[-1]["callee_port"].startswith(PRI_NUMBER + ":B")
        # Hang up from the modem: +++ then ATH.
        time.sleep(1.2)
        t.send("+++")
        time.sleep(1.2)
        t.expect(b"OK")
        t.send("ATH\r")
        t.expect(b"OK")
        wait_until(lambda: line_json(a, num)["state"] == "IDLE",
                   timeout=15, what="line idle after the hang-up")
        wait_until(lambda: not a.json("show isdn active")["calls"],
                   timeout=10, what="no active ISDN call")
        log = a.log()
        # The seed's trace shapes.
        assert ("ISDN Se0:23: RX <- SETUP pd = 8 callref = 0x" in log)
        assert "        Bearer Capability i = 0x9090A2" in log
        assert ("        Called Party Number i = 0xC1, '4084327528'"
                in log)
        assert "ISDN Se0:23: TX -> CALL_PROC pd = 8 callref = 0x80" in log
        assert "ISDN Se0:23: TX -> CONNECT pd = 8" in log
        assert "%ISDN-6-DISCONNECT: Interface Serial0:" in log
        assert "disconnected from 5279651" in log
        assert "s3cret" not in log
        assert pstn.calls()[-1]["state"] == "released"
        assert a.alive()
    finally:
        t.close()


def modem_client(attach, number, name="bob"):
    """A nasd whose line 1 is the modem of analog subscriber `number`,
    dialling with a chat script and running PPP (done-when 2)."""
    return (
        "hostname %s\n"
        "service timestamps debug datetime msec\n"
        'chat-script dialout ABORT BUSY ABORT "NO CARRIER" "" "ATDT \\T" '
        "TIMEOUT 30 CONNECT \\c\n"
        "interface Async1\n"
        " ip address negotiated\n"
        " encapsulation ppp\n"
        " async mode dedicated\n"
        " ppp chap hostname bob\n"
        " ppp chap password 0 s3cret\n"
        "line 1\n"
        " modem InOut\n"
        " script dialer dialout\n"
        " device pstn:%s:%s\n"
        "end\n" % (name, attach, number))


def server_async(a):
    """The Async interface whose line carries PPP on the server."""
    for n in range(1, 7):
        if line_json(a, n)["state"] == "PPP":
            return n
    return None


def test_pri_voice_call_ppp_autoselect(net, pstn):
    """Done-when 2: a PPP client behind an analog modem dials the PRI;
    the digital modem's line autoselects PPP; CHAP and IPCP come up and
    IP flows through the TUN."""
    a = start_server(net, pstn)
    b = net["start"]("bob", "b", modem_client(pstn.attach, "5552000"),
                     debugs=nasnet.Nasd.DEBUGS + ("chat",))
    wait_until(lambda: line_json(b, 1)["state"] == "IDLE", timeout=10,
               what="client line idle")
    b.cli("dial line 1 %s" % PRI_NUMBER)
    n = wait_until(lambda: server_async(a), timeout=30,
                   what="server line in PPP")
    wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async%d" % n), timeout=40,
               what="PPP up on the digital modem")
    wait_until(lambda: nasnet.lcp_ipcp_open(b), timeout=20,
               what="PPP up on the client")
    log = a.log()
    assert "TTY%d: Autoselect(2) sample 7E" % n in log
    peer = a.interface("Async%d" % n)["peer_address"]
    r = net["ns"]["a"].ping(peer, count=2)
    assert r.returncode == 0, r.stdout
    c = a.json("show isdn active")["calls"][0]
    assert c["type"] == "voice" and c["calling"] == "5552000"
    assert b.alive() and a.alive()


def bri_node(name, attach, number, addr, peer_name, extra=""):
    return (
        "hostname %s\n"
        "service timestamps debug datetime msec\n"
        "username %s password 0 s3cret\n"
        "isdn switch-type basic-net3\n"
        "interface BRI0\n"
        " ip address %s 255.255.255.0\n"
        " encapsulation ppp\n"
        " ppp authentication chap\n"
        " pstn attach %s %s\n"
        "%s"
        "end\n" % (name, peer_name, addr, attach, number, extra))


def data_call(n):
    """The data call of nasd n whose PPP has LCP and IPCP open, or None."""
    for c in n.json("show isdn active")["calls"]:
        if c["type"] == "data" and c.get("lcp") == "Open" and \
                c.get("ipcp") == "Open":
            return c
    return None


def test_bri_data_call_chap_ipcp(net, pstn):
    """Done-when 4: two nasd with a BRI each; `isdn call interface BRI0
    6122` places an unrestricted digital call; sync PPP on the B-channel
    with CHAP both ways and IPCP; ping across."""
    a = net["start"]("remote1", "a",
                     bri_node("remote1", pstn.attach, "6121", "10.7.0.1",
                              "LAC"),
                     debugs=nasnet.Nasd.DEBUGS + ("isdn q931",
                                                  "isdn events"))
    b = net["start"]("LAC", "b",
                     bri_node("LAC", pstn.attach, "6122", "10.7.0.2",
                              "remote1"),
                     debugs=nasnet.Nasd.DEBUGS + ("isdn q931",
                                                  "isdn events"))
    wait_until(lambda: isdn_up(a, "BRI0") and isdn_up(b, "BRI0"),
               timeout=15, what="both BRIs at layer 2")
    a.cli("isdn call interface BRI0 6122")
    wait_until(lambda: data_call(a) and data_call(b), timeout=30,
               what="PPP up on a B-channel at both ends")
    ca, cb = data_call(a), data_call(b)
    assert ca["direction"] == "out" and cb["direction"] == "in"
    assert ca["peer_name"] == "LAC" and cb["peer_name"] == "remote1"
    assert ca["peer_address"] == "10.7.0.2"
    sa, sb = ca["interface"].replace("BRI", "BR"), \
        cb["interface"].replace("BRI", "BR")
    la, lb = a.log(), b.log()
    assert "ISDN BR0: TX -> SETUP pd = 8 callref = 0x" in la
    assert "        Bearer Capability i = 0x8890" in la
    assert "ISDN BR0: RX <- SETUP pd = 8" in lb
    assert sb + " PPP: Treating connection as a callin" in lb
    assert sb + " PPP: Phase is ESTABLISHING, Passive Open" in lb
    assert sa + " PPP: Treating connection as a callout" in la
    assert "%%ISDN-6-CONNECT: Interface %s is now connected to 6121" % \
        cb["interface"] in lb
    r = net["ns"]["a"].ping("10.7.0.2", count=2)
    assert r.returncode == 0, r.stdout
    # The B-channel is an interface of its own while the call lasts.
    assert "%-12s LCP+ CHAP+ IPCP+" % sa in a.cli("show ppp all")
    ia = a.interface(ca["interface"])
    assert ia["lcp"] == "Open" and ia["ipcp"] == "Open"
    assert ia["isdn"]["called"] == "6122" and ia["isdn"]["outgoing"]
    assert "Hardware is ISDN B-channel" in \
        a.cli("show interfaces " + ca["interface"])
    calls = pstn.calls()
    assert calls[-1]["bearer"] == "digital"
    assert calls[-1]["state"] == "connected"
    # Busy: a second call to the same BRI finds its other channel, a
    # third none; a call to nowhere is unallocated.
    a.cli("isdn call interface BRI0 999")
    wait_until(lambda: "Unallocated" in a.log(), timeout=10,
               what="cause 1 for an unallocated number")
    # clear interface hangs the call up; both ends return to idle.
    a.cli("clear interface BRI0")
    wait_until(lambda: not a.json("show isdn active")["calls"] and
               not b.json("show isdn active")["calls"], timeout=15,
               what="calls cleared")
    assert "%%ISDN-6-DISCONNECT: Interface %s disconnected from 6122" % \
        ca["interface"] in a.log()
    assert a.alive() and b.alive()


def test_carrier_loss_other_call_untouched_and_noise(net, pstn):
    """Done-when 5: two voice calls on the PRI; one is killed in the
    middle (the pstn's `clear call`); nasd keeps running, the other EXEC
    session is untouched, the dropped line is idle and takes the next
    call.  Then a call over a noisy line (BER 1e-4) still brings PPP up."""
    a = start_server(net, pstn)
    t1 = PtyDte(pstn.path("modemA"))
    t2 = PtyDte(pstn.path("modemB"))
    try:
        assert dial(t1, PRI_NUMBER) == "CONNECT 33600"
        login(t1)
        assert dial(t2, PRI_NUMBER) == "CONNECT 33600"
        login(t2)
        execs = [n for n in range(1, 7)
                 if line_json(a, n)["state"] == "EXEC"]
        assert len(execs) == 2
        calls = [c for c in pstn.calls() if c["state"] == "connected"]
        victim = [c for c in calls if c["caller"] == "5551000"][0]
        pstn.cli("clear call %d" % victim["id"])
        t2.expect(b"NO CARRIER", timeout=10)
        wait_until(lambda: len([n for n in range(1, 7)
                                if line_json(a, n)["state"] == "EXEC"]) == 1,
                   timeout=15, what="one line back from EXEC")
        # The other session answers as before.
        t1.send("show users\r")
        out = t1.expect(b"isdn2-2>").string.decode(errors="replace")
        assert "bob" in out
        assert len(a.json("show isdn active")["calls"]) == 1
        # The dropped line takes the next call.
        wait_until(lambda: all(line_json(a, n)["state"] in ("IDLE", "EXEC")
                               for n in range(1, 7)),
                   timeout=15, what="lines idle")
        assert dial(t2, PRI_NUMBER) == "CONNECT 33600"
        login(t2)
        assert a.alive()
    finally:
        t1.close()
        t2.close()
    # PPP over the noisy analog line.
    b = net["start"]("bob", "b", modem_client(pstn.attach, "5553000"))
    wait_until(lambda: line_json(b, 1)["state"] == "IDLE", timeout=10,
               what="client line idle")
    b.cli("dial line 1 %s" % PRI_NUMBER)
    n = wait_until(lambda: server_async(a), timeout=40,
                   what="server line in PPP")
    wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async%d" % n), timeout=60,
               what="PPP up")
    # Pings over the noisy line: some frames arrive damaged, are counted
    # as CRC errors and dropped; the session stays up.
    peer = a.interface("Async%d" % n)["peer_address"]
    net["ns"]["a"].run(["ping", "-q", "-c", "30", "-i", "0.05", "-s", "200",
                        "-W", "2", peer], timeout=30)
    errs = a.interface("Async%d" % n)["counters"]["crc"] + \
        b.interface("Async1")["counters"]["crc"]
    assert errs > 0
    assert nasnet.lcp_ipcp_open(a, "Async%d" % n)
    assert a.alive() and b.alive()


def test_no_free_modem_is_busy(net, pstn):
    """A voice call when every digital modem is in use is refused with
    cause 34 (no circuit/channel available): the caller's modem says
    BUSY, and the PRI takes the next call once a modem is free."""
    a = net["start"]("isdn2-2", "a", pri_server(pstn.attach, 1, 1),
                     debugs=("isdn q931", "isdn events"))
    wait_until(lambda: isdn_up(a, "Serial0:23"), timeout=15,
               what="PRI layer 2 up")
    t1 = PtyDte(pstn.path("modemA"))
    t2 = PtyDte(pstn.path("modemB"))
    try:
        assert dial(t1, PRI_NUMBER) == "CONNECT 33600"
        login(t1)
        assert dial(t2, PRI_NUMBER) == "BUSY"
        log = a.log()
        assert "%ISDN-5-NOMODEM: Se0:23: no free modem" in log
        assert "Cause i = 0x" in log and \
            "No circuit/channel available" in log
        assert pstn.calls()[-1]["cause"] == "no-circuit"
        t1.send("exit\r")
        wait_until(lambda: line_json(a, 1)["state"] == "IDLE", timeout=15,
                   what="modem free again")
        wait_until(lambda: not a.json("show isdn active")["calls"],
                   timeout=10, what="call cleared")
        assert dial(t2, PRI_NUMBER) == "CONNECT 33600"
        login(t2)
    finally:
        t1.close()
        t2.close()
