# SPDX-License-Identifier: GPL-2.0-or-later
"""Callback through the built-in phone network between two nasd: an
access server (nasA, modem lines at 5550001/5550002, `ppp callback
accept` or `initiate`) and a router-client (nasB, a modem on a pstn pty
at 5552222, `ppp callback request` = RFC 1570 operation 0).  The return
call is placed with the server line's chat scripts and answered by the
client's modem; PPP, CHAP and IPCP come up again on it.  Also the
policies: a user without a callback-dialstring stays connected; busy and
no-answer return calls are logged and leave the line free; `callback
forced-wait` and `callback retries` (nasd) are honoured."""

import re
import time

import pytest

import nasnet
import pstnlib
from nasnet import wait_until

SCRIPTS = (
    'chat-script offhook "" "ATH1" OK\n'
    'chat-script callback ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
    'TIMEOUT 30 CONNECT \\c\n'
    'chat-script quick ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
    'TIMEOUT 6 CONNECT \\c\n')


def server_cfg(sock, user, mode="accept", line_extra="", script="callback"):
    return (
        "hostname nasA\n"
        "service timestamps debug datetime msec\n" + SCRIPTS + user +
        "ip local pool dialin 10.0.0.2 10.0.0.10\n"
        "interface Loopback0\n"
        " ip address 10.0.0.1 255.255.255.255\n"
        "interface Group-Async1\n"
        " ip unnumbered Loopback0\n"
        " encapsulation ppp\n"
        " async mode interactive\n"
        " peer default ip address pool dialin\n"
        " ppp callback %s\n"
        " ppp authentication chap\n"
        " group-range 1 2\n"
        "line 1 2\n"
        " modem InOut\n"
        " rotary 1\n"
        " autoselect during-login\n"
        " autoselect ppp\n"
        " login local\n"
        " script modem-off-hook offhook\n"
        " script callback %s\n"
        " exec-timeout 0 0\n%s"
        "line 1\n"
        " device pstn:%s:5550001\n"
        "line 2\n"
        " device pstn:%s:5550002\n"
        "end\n" % (mode, script, line_extra, sock, sock))


def client_cfg(pty, request=True):
    return (
        "hostname bob\n"
        "chat-script dial ABORT BUSY ABORT \"NO CARRIER\" \"\" \"ATZ\" OK "
        "\"ATDT \\T\" TIMEOUT 30 CONNECT \\c\n"
        "interface Async1\n"
        " ip address negotiated\n"
        " encapsulation ppp\n"
        " async mode dedicated\n"
        "%s"
        " ppp chap hostname bob\n"
        " ppp chap password 0 s3cret\n"
        "line 1\n"
        " modem InOut\n"
        " script dialer dial\n"
        " device %s\n"
        "end\n" % (" ppp callback request\n" if request else "", pty))


PSTN_CONF = (
    "subscriber 5550001\n endpoint attach\n answer auto 1\n"
    "subscriber 5550002\n endpoint attach\n answer auto 1\n"
    "subscriber 5552222\n endpoint pty @DIR@/client\n"
    "subscriber 5553333\n endpoint pty @DIR@/busy\n answer busy\n"
    "subscriber 5554444\n endpoint pty @DIR@/never\n answer never\n")

DEBUGS = nasnet.Nasd.DEBUGS + ("chat", "modem", "callback",
                               "aaa authorization")


@pytest.fixture
def pstn(net):
    yield from pstnlib.serve(PSTN_CONF, connect_delay=200)


def line_state(n, num):
    return n.json("show line %d" % num)["lines"][0]["state"]


def start(net, pstn, user, **kw):
    a = net["start"]("nasA", "a", server_cfg(pstn.attach, user, **kw),
                     debugs=DEBUGS)
    b = net["start"]("bob", "b",
                     client_cfg(pstn.path("client"),
                                request=kw.get("mode") != "initiate"),
                     debugs=DEBUGS)
    for num in (1, 2):
        wait_until(lambda: line_state(a, num) == "IDLE", timeout=10,
                   what="server line %d idle" % num)
    wait_until(lambda: line_state(b, 1) == "IDLE", timeout=10,
               what="client line idle")
    return a, b


def caller(a, num):
    for c in a.json("show caller")["callers"]:
        if c["line"] == num:
            return c
    return None


def up_line(a):
    """The server line whose PPP has IPCP open, or None."""
    for num in (1, 2):
        ifc = nasnet.lcp_ipcp_open(a, "Async%d" % num)
        if ifc:
            return num, ifc
    return None


def test_rfc1570_callback_returns_call(net, pstn):
    a, b = start(net, pstn, "username bob callback-dialstring 5552222 "
                 "password 0 s3cret\n")
    b.cli("dial line 1 555-0002")
    wait_until(lambda: "Initiate Callback for bob at 5552222" in a.log(),
               timeout=40, what="server decides to call back")
    log = a.log()
    assert "AAA/AUTHOR/LCP" not in log or "callback-dialstring=5552222" in log
    assert "%CALLBACK-6-SCHEDULED" in log
    # The return call goes out on the line the call came in on (line 2)
    # and is answered by bob's modem.
    wait_until(lambda: "CHAT2: Sending string: ATDT \\T<5552222>"
               in a.log(), timeout=30, what="return call dialled")
    num, ifc = wait_until(lambda: up_line(a), timeout=60,
                          what="PPP up on the return call")
    assert num == 2
    assert "%CALLBACK-6-CONNECTED: Callback for bob at 5552222" in a.log()
    c = caller(a, 2)
    assert c["return_call"] is True
    assert "return call" in c["callback"]
    # bob asked again on the return call: declined, the call stays up.
    r = net["ns"]["a"].ping(ifc["peer_address"], count=3)
    assert r.returncode == 0, r.stdout
    time.sleep(3)
    assert nasnet.lcp_ipcp_open(a, "Async2")
    assert a.log().count("Initiate Callback") == 1
    text = a.cli("show caller line 2 full")
    assert "Callback: return call (callback) for bob at 5552222" in text


def test_initiate_calls_back_without_negotiation(net, pstn):
    a, b = start(net, pstn, "username bob callback-dialstring 5552222 "
                 "password 0 s3cret\n", mode="initiate")
    b.cli("dial line 1 555-0001")
    wait_until(lambda: "Initiate Callback for bob at 5552222" in a.log(),
               timeout=40, what="initiate")
    assert "Callback 0" not in a.log()  # nothing negotiated in LCP
    wait_until(lambda: up_line(a), timeout=60,
               what="PPP up on the return call")


def test_user_without_dialstring_stays_connected(net, pstn):
    a, b = start(net, pstn, "username bob password 0 s3cret\n")
    b.cli("dial line 1 555-0002")
    num, ifc = wait_until(lambda: up_line(a), timeout=40,
                          what="PPP up without callback")
    assert "not authorized for it: continuing without callback" in a.log()
    assert "Initiate Callback" not in a.log()
    r = net["ns"]["a"].ping(ifc["peer_address"], count=2)
    assert r.returncode == 0, r.stdout


def test_busy_return_call_is_logged_and_line_freed(net, pstn):
    a, b = start(net, pstn, "username bob callback-dialstring 5553333 "
                 "password 0 s3cret\n", line_extra=" callback retries 1\n")
    b.cli("dial line 1 555-0002")
    wait_until(lambda: a.log().count("%CALLBACK-5-FAILED") >= 2,
               timeout=90, what="two failed attempts (callback retries 1)")
    log = a.log()
    assert re.search(r"%CALLBACK-5-FAILED: Callback for bob at 5553333 "
                     r"failed: chat script callback: .*BUSY", log), log
    assert "retrying in" in log
    wait_until(lambda: line_state(a, 2) == "IDLE", timeout=15,
               what="line 2 free after BUSY")
    time.sleep(2)
    assert log.count("%CALLBACK-5-FAILED") == 2  # no third attempt
    assert a.json("show users")["callbacks"] == []


def test_no_answer_return_call_is_logged_and_line_freed(net, pstn):
    a, b = start(net, pstn, "username bob callback-dialstring 5554444 "
                 "password 0 s3cret\n", script="quick")
    b.cli("dial line 1 555-0002")
    wait_until(lambda: "%CALLBACK-5-FAILED" in a.log(), timeout=60,
               what="no answer")
    assert "Connection timed out" in a.log()
    wait_until(lambda: line_state(a, 2) == "IDLE", timeout=15,
               what="line 2 free after no answer")
    # No retry by default (IOS).
    time.sleep(3)
    assert a.log().count("%CALLBACK-5-FAILED") == 1


def test_forced_wait_delays_the_return_call(net, pstn):
    a, b = start(net, pstn, "username bob callback-dialstring 5552222 "
                 "password 0 s3cret\n", line_extra=" callback forced-wait 6\n")
    b.cli("dial line 1 555-0002")
    wait_until(lambda: "%CALLBACK-6-SCHEDULED" in a.log(), timeout=40,
               what="callback scheduled")
    t0 = time.monotonic()
    assert "in 6 s" in a.log()
    jobs = a.json("show users")["callbacks"]
    assert len(jobs) == 1 and jobs[0]["state"] == "waiting", jobs
    assert 1 <= jobs[0]["due_in_s"] <= 6
    assert "Callback in" in a.cli("show users")
    wait_until(lambda: "CHAT2: Chat script offhook started" in a.log()
               or "CHAT1: Chat script offhook started" in a.log(),
               timeout=20, what="return call starts")
    assert time.monotonic() - t0 >= 4.5
    wait_until(lambda: up_line(a), timeout=60,
               what="PPP up on the return call")


def test_callback_line_chooses_the_line(net, pstn):
    """`username bob callback-line 1`: the call comes in on line 2, the
    return call goes out on line 1 (seed 003's per-user line choice)."""
    a, b = start(net, pstn, "username bob callback-dialstring 5552222 "
                 "callback-line 1 password 0 s3cret\n")
    b.cli("dial line 1 555-0002")
    wait_until(lambda: "CHAT1: Sending string: ATDT \\T<5552222>"
               in a.log(), timeout=40, what="return call on line 1")
    assert "CHAT2: Sending string: ATDT" not in a.log()
    num, _ = wait_until(lambda: up_line(a), timeout=60,
                        what="PPP up on the return call")
    assert num == 1


def test_no_free_line_is_logged(net, pstn):
    """The user's callback-line is busied out: no free line, the failure is
    logged and nothing is dialled."""
    a, b = start(net, pstn, "username bob callback-dialstring 5552222 "
                 "callback-line 1 password 0 s3cret\n")
    a.cli("configure terminal", "line 1", "modem busyout", "end")
    wait_until(lambda: line_state(a, 1) == "BUSYOUT", timeout=10,
               what="line 1 busied out")
    b.cli("dial line 1 555-0002")
    wait_until(lambda: "%CALLBACK-5-FAILED" in a.log(), timeout=60,
               what="callback failed")
    assert ("%CALLBACK-5-FAILED: Callback for bob at 5552222 failed: "
            "no free line") in a.log()
    assert "Sending string: ATDT" not in a.log()
    assert a.json("show users")["callbacks"] == []
