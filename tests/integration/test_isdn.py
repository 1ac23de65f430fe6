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
from pstnlib import PtyDte, Pstn  # noqa: E402

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
    " endpoint pty @DIR@/modemN\n"
    " ber 1e-4\n"
    " seed 7\n"
    "subscriber 6121\n"
    " isdn bri\n"
    " endpoint attach\n"
    "subscriber 6122\n"
    " isdn bri\n"
    " endpoint attach\n")


def pri_server(attach, lines="1 6"):
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
        " group-range %s\n"
        "ip local pool default 10.9.0.10 10.9.0.20\n"
        "line %s\n"
        " autoselect during-login\n"
        " autoselect ppp\n"
        " login local\n"
        " modem InOut\n"
        " exec-timeout 0 0\n"
        "end\n" % (attach, PRI_NUMBER, lines, lines))


@pytest.fixture
def pstn():
    why = pstnlib.missing()
    if why:
        pytest.skip(why)
    p = Pstn(PSTN_BODY)
    yield p
    p.stop()
    print("===== pstn log =====\n" + p.log()[-30000:])
    p.cleanup()


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
