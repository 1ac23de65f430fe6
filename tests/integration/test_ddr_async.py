# SPDX-License-Identifier: GPL-2.0-or-later
"""Dial-on-demand routing over a modem line (issue 5): a nasd router whose
`interface Async1` has `dialer in-band` and a `dialer string` dials the
access server's PRI (seed 001's AS5200 with digital modems) with the
line's `script dialer` chat script when traffic for the server's address
arrives, and the ping gets through once PPP is up."""

import os
import re
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
import pstnlib  # noqa: E402
from nasnet import wait_until  # noqa: E402

PRI_NUMBER = "4084327528"

PSTN_BODY = (
    "subscriber 4084327528\n"
    " isdn pri-t1\n"
    " endpoint attach\n"
    "subscriber 5552000\n"
    " endpoint attach\n")


def server(attach):
    """An access server like seed 001's, that takes the caller's own
    address (no `peer default ip address`)."""
    return (
        "hostname isdn2-2\n"
        "username bob password 0 s3cret\n"
        "isdn switch-type primary-5ess\n"
        "controller T1 0\n"
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
        " ppp authentication chap\n"
        " group-range 1 2\n"
        "line 1 2\n"
        " autoselect during-login\n"
        " autoselect ppp\n"
        " login local\n"
        " modem InOut\n"
        "end\n" % (attach, PRI_NUMBER))


def router(attach):
    return (
        "hostname bob\n"
        "service timestamps debug datetime msec\n"
        'chat-script dialout ABORT BUSY ABORT "NO CARRIER" "" "ATDT \\T" '
        "TIMEOUT 30 CONNECT \\c\n"
        "interface Async1\n"
        " ip address 10.9.0.50 255.255.255.0\n"
        " encapsulation ppp\n"
        " async mode dedicated\n"
        " dialer in-band\n"
        " dialer string %s\n"
        " dialer-group 1\n"
        " dialer idle-timeout 300\n"
        " ppp chap hostname bob\n"
        " ppp chap password 0 s3cret\n"
        "dialer-list 1 protocol ip permit\n"
        "line 1\n"
        " modem InOut\n"
        " script dialer dialout\n"
        " device pstn:%s:5552000\n"
        "end\n" % (PRI_NUMBER, attach))


@pytest.fixture
def pstn():
    yield from pstnlib.serve(PSTN_BODY)


def test_async_dialer_dials_with_its_chat_script(net, pstn):
    a = net["start"]("isdn2-2", "a", server(pstn.attach))
    b = net["start"]("bob", "b", router(pstn.attach),
                     debugs=nasnet.Nasd.DEBUGS + ("dialer events", "chat"))
    wait_until(lambda: any(i["layer2_up"] for i in
                           a.json("show isdn status")["interfaces"]),
               timeout=15, what="PRI layer 2 up")
    d = b.json("show dialer")["dialers"][0]
    assert d["interface"] == "Async1"
    assert d["type"] == "IN-BAND ASYNC NO PARITY"
    assert d["links"] == []

    def ping_ok():
        r = net["ns"]["b"].run(["ping", "-n", "-c", "1", "-W", "2",
                                "10.9.0.1"])
        return r.returncode == 0
    wait_until(ping_ok, timeout=90, interval=1,
               what="a ping through the dialled modem call")
    lb = b.log()
    assert "As1 DDR: Dialing cause ip (s=10.9.0.50, d=10.9.0.1)" in lb
    assert "As1 DDR: Attempting to dial %s" % PRI_NUMBER in lb
    assert "CHAT1: Matched chat script dialout to string dialout" in lb
    assert "As1 PPP: Treating connection as a callout" in lb
    # The router does not authenticate the server: no name to show (seed
    # 004's "Vi1 DDR: dialer protocol up").
    assert re.search(r"As1 DDR: dialer protocol up$", lb, re.M), lb[-2000:]
    d = b.json("show dialer")["dialers"][0]
    [lk] = d["links"]
    assert lk["state"] == "data link layer up"
    assert lk["number"] == PRI_NUMBER and lk["direction"] == "outgoing"
    assert "Async1 - dialer type = IN-BAND ASYNC NO PARITY" in \
        b.cli("show dialer")
    # clear interface ends the call; the dialer is idle again.
    b.cli("clear interface Async1")
    wait_until(lambda: not b.json("show dialer")["dialers"][0]["links"],
               timeout=20, what="the dialer idle")
    assert a.alive() and b.alive()
