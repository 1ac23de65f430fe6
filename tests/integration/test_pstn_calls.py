# SPDX-License-Identifier: GPL-2.0-or-later
"""Calls through the built-in phone network to nasd's modem lines (analog
subscribers attached with `device pstn:SOCKET:NUMBER`): an EXEC login
from a terminal on a pstn pty, a PPP client (another nasd) dialling with
its dialer chat script and being autoselected, two calls at once with one
dropped in mid-session, and line noise."""

import pytest

import nasnet
import pstnlib
from nasnet import wait_until
from pstnlib import PtyDte

SERVER = (
    "hostname nasA\n"
    "service timestamps debug datetime msec\n"
    "username bob password 0 s3cret\n"
    "ip local pool dialin 10.0.0.2 10.0.0.10\n"
    "interface Loopback0\n"
    " ip address 10.0.0.1 255.255.255.255\n"
    "interface Group-Async1\n"
    " ip unnumbered Loopback0\n"
    " encapsulation ppp\n"
    " async mode interactive\n"
    " peer default ip address pool dialin\n"
    " ppp authentication chap\n"
    " group-range 1 2\n"
    "line 1 2\n"
    " modem InOut\n"
    " login local\n"
    " autoselect during-login\n"
    " autoselect ppp\n"
    " exec-timeout 0 0\n"
    "line 1\n"
    " device pstn:@SOCK@:5550001\n"
    "line 2\n"
    " device pstn:@SOCK@:5550002\n"
    "end\n")

CLIENT = (
    "hostname bob\n"
    "chat-script dial ABORT BUSY ABORT \"NO CARRIER\" \"\" \"ATZ\" OK "
    "\"ATDT \\T\" TIMEOUT 30 CONNECT \\c\n"
    "interface Async1\n"
    " ip address negotiated\n"
    " encapsulation ppp\n"
    " async mode dedicated\n"
    " ppp chap hostname bob\n"
    " ppp chap password 0 s3cret\n"
    "line 1\n"
    " modem InOut\n"
    " script dialer dial\n"
    " device @PTY@\n"
    "end\n")

PSTN_CONF = (
    "subscriber 5550001\n endpoint attach\n answer auto 1\n"
    "subscriber 5550002\n endpoint attach\n answer auto 1\n"
    "subscriber 5551111\n endpoint pty @DIR@/term\n"
    "subscriber 5552222\n endpoint pty @DIR@/client\n%s")


@pytest.fixture
def pstn(net):
    yield from pstnlib.serve(PSTN_CONF % "", connect_delay=200)


@pytest.fixture
def noisy_pstn(net):
    yield from pstnlib.serve(
        PSTN_CONF % "subscriber 5552222\n ber 1e-4\n seed 3\n",
        connect_delay=200)


def line_state(n, num):
    return n.json("show line %d" % num)["lines"][0]["state"]


def start_server(net, pstn):
    a = net["start"]("nasA", "a", SERVER.replace("@SOCK@", pstn.attach),
                     debugs=nasnet.Nasd.DEBUGS + ("modem",))
    for num in (1, 2):
        wait_until(lambda: line_state(a, num) == "IDLE", timeout=10,
                   what="line %d idle (attached)" % num)
    return a


def login(t, dial="ATDT 555-0001\r"):
    t.send("AT\r")
    t.expect(rb"OK")
    t.send(dial)
    t.expect(rb"CONNECT 33600", timeout=15)
    t.expect(rb"Username: ", timeout=15)
    t.send("bob\r")
    t.expect(rb"Password: ")
    t.send("s3cret\r")
    t.expect(rb"nasA>")


def test_terminal_user_logs_in_over_a_modem_call(net, pstn):
    a = start_server(net, pstn)
    t = PtyDte(pstn.path("term"))
    try:
        login(t)
        assert line_state(a, 1) == "EXEC"
        t.send("show users\r")
        m = t.expect(rb"nasA>")
        out = t.buf
        users = a.json("show users")["users"]
        assert [u["user"] for u in users] == ["bob"]
        assert users[0]["line"] == 1
        calls = pstn.calls()
        assert len(calls) == 1 and calls[0]["state"] == "connected"
        del m, out
        # Hang up with the modem (+++ ATH): the line returns to idle.
        t.read_for(1.2)
        t.send("+++")
        t.expect(rb"OK", timeout=5)
        t.send("ATH\r")
        t.expect(rb"OK")
        wait_until(lambda: line_state(a, 1) == "IDLE", timeout=10,
                   what="line 1 idle after the caller hung up")
        assert a.json("show line 1")["lines"][0]["last_reason"] == \
            "Carrier lost"
    finally:
        t.close()


def start_client(net, pstn, name="nasB", ns="b"):
    b = net["start"](name, ns, CLIENT.replace("@PTY@",
                                              pstn.path("client")),
                     debugs=nasnet.Nasd.DEBUGS + ("chat", "modem"))
    wait_until(lambda: line_state(b, 1) == "IDLE", timeout=10,
               what="client line idle")
    return b


def test_ppp_client_dials_and_is_autoselected(net, pstn):
    a = start_server(net, pstn)
    b = start_client(net, pstn)
    b.cli("dial line 1 555-0002")
    ia = wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async2"), timeout=40,
                    what="PPP over the modem call")
    assert "TTY2 Autoselect cmd: ppp negotiate" in a.log()
    r = net["ns"]["a"].ping(ia["peer_address"], count=3)
    assert r.returncode == 0, r.stdout
    assert "CHAT1: Chat script dial finished, status = Success" in b.log()


def test_one_call_dropped_others_untouched(net, pstn):
    a = start_server(net, pstn)
    b = start_client(net, pstn)
    b.cli("dial line 1 555-0002")
    ia = wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async2"), timeout=40,
                    what="PPP call up")
    t = PtyDte(pstn.path("term"))
    try:
        login(t)
        # Drop the terminal's call abruptly: the program closes its
        # serial port (DTR drop at the pstn).
        t.close()
        wait_until(lambda: line_state(a, 1) == "IDLE", timeout=15,
                   what="line 1 idle after carrier loss")
        # The PPP session on line 2 did not notice.
        assert nasnet.lcp_ipcp_open(a, "Async2")
        r = net["ns"]["a"].ping(ia["peer_address"], count=2)
        assert r.returncode == 0, r.stdout
        # And line 1 takes the next call.
        t = PtyDte(pstn.path("term"))
        login(t)
        assert line_state(a, 1) == "EXEC"
    finally:
        t.close()
    assert a.alive()


def test_ppp_survives_line_noise(net, noisy_pstn):
    pstn = noisy_pstn
    a = start_server(net, pstn)
    b = start_client(net, pstn)
    b.cli("dial line 1 555-0002")
    ia = wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async2"), timeout=60,
                    what="PPP up over a noisy line")
    r = net["ns"]["a"].ping(ia["peer_address"], count=10, timeout=1)
    assert " 0 received" not in r.stdout, r.stdout
    assert a.alive() and b.alive()


DIAL_SCRIPTS = (
    'chat-script offhook "" "ATH1" OK\n'
    'chat-script callback ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
    'TIMEOUT 60 CONNECT \\c\n'
    'chat-script quick ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
    'TIMEOUT 6 CONNECT \\c\n')

OUT_PSTN = PSTN_CONF % (
    "subscriber 5553333\n endpoint pty @DIR@/busy\n answer busy\n"
    "subscriber 5554444\n endpoint pty @DIR@/never\n answer never\n")


@pytest.fixture
def out_pstn(net):
    yield from pstnlib.serve(OUT_PSTN, connect_delay=200)


def dial_server(net, pstn, script="callback"):
    cfg = DIAL_SCRIPTS + SERVER.replace("@SOCK@", pstn.attach).replace(
        "line 1 2\n", "line 1 2\n rotary 1\n script modem-off-hook offhook\n"
        " script callback %s\n" % script)
    a = net["start"]("nasA", "a", cfg,
                     debugs=nasnet.Nasd.DEBUGS + ("chat", "modem"))
    for num in (1, 2):
        wait_until(lambda: line_state(a, num) == "IDLE", timeout=10,
                   what="line %d idle" % num)
    return a


def test_call_out_with_seed_scripts_connects(net, out_pstn):
    pstn = out_pstn
    a = dial_server(net, pstn)
    t = PtyDte(pstn.path("term"))
    try:
        out = a.cli("dial rotary 1 1-555-1111")
        assert "on line 1" in out
        t.expect(rb"RING", timeout=10)
        t.expect(rb"CONNECT 33600", timeout=20)
        wait_until(lambda: "Chat script callback finished, status = "
                   "Success" in a.log(), timeout=20, what="chat success")
        log = a.log()
        assert "CHAT1: Chat script offhook finished, status = Success" in log
        assert "CHAT1: Sending string: ATDT \\T<1-555-1111>" in log
        assert line_state(a, 1) == "PPP"
        t.expect(rb"\x7e", timeout=10)  # nasd speaks PPP to the callee
        # The next call goes to the next free line of the rotary.
        assert "on line 2" in a.cli("dial rotary 1 5553333")
        # The callee hangs up: line 1 is idle again.
        t.close()
        wait_until(lambda: line_state(a, 1) == "IDLE", timeout=15,
                   what="line 1 idle after the callee hung up")
    finally:
        t.close()


def test_call_out_busy_and_no_answer(net, out_pstn):
    pstn = out_pstn
    a = dial_server(net, pstn, script="quick")
    a.cli("dial line 1 5553333")
    wait_until(lambda: "Aborting on string: BUSY" in a.log(), timeout=20,
               what="BUSY")
    wait_until(lambda: line_state(a, 1) == "IDLE", timeout=10,
               what="line 1 free after BUSY")
    assert "call to 5553333 failed" in a.log()
    a.cli("dial line 1 5554444")
    wait_until(lambda: "status = Connection timed out" in a.log(),
               timeout=30, what="no answer: timeout")
    wait_until(lambda: line_state(a, 1) == "IDLE", timeout=10,
               what="line 1 free after NO ANSWER")
    assert "call to 5554444 failed" in a.log()
    # Free again: a third call is accepted.
    a.cli("dial line 1 5553333")
