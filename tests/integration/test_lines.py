# SPDX-License-Identifier: GPL-2.0-or-later
"""Terminal lines without the phone network (pty pairs): EXEC login with
`login local`, `show users` from the line, autoselect of PPP during the
login prompt, a chat script logging in and typing `ppp`, and placing calls
with the seed 001 chat scripts against a scripted modem (CONNECT, BUSY,
NO ANSWER, ERROR)."""

import time

import nasnet
from nasnet import wait_until
from term import FakeModem, Term

SEED001_SCRIPTS = (
    'chat-script offhook "" "ATH1" OK\n'
    'chat-script callback ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
    'TIMEOUT 60 CONNECT \\c\n'
    # The same with a short TIMEOUT, so that NO ANSWER does not take 60 s.
    'chat-script quick ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
    'TIMEOUT 4 CONNECT \\c\n')

SERVER_BASE = (
    "hostname nasA\n"
    "service timestamps debug datetime msec\n"
    "username bob password 0 s3cret\n"
    "ip local pool dialin 10.0.0.2 10.0.0.10\n"
    "interface Loopback0\n"
    " ip address 10.0.0.1 255.255.255.255\n"
    "interface Async1\n"
    " ip unnumbered Loopback0\n"
    " encapsulation ppp\n"
    " async mode interactive\n"
    " peer default ip address pool dialin\n"
    " ppp authentication chap\n")


def line_json(n, num=1):
    return n.json("show line %d" % num)["lines"][0]


def test_exec_login_and_show_users(net):
    pty = net["start_pty"]()
    a = net["start"]("nasA", "a", SERVER_BASE +
                     "line 1\n login local\n exec-timeout 0 0\n"
                     " device %s\nend\n" % pty.a)
    wait_until(lambda: line_json(a)["state"] == "IDLE", timeout=10,
               what="line 1 idle")
    t = Term(pty.b)
    try:
        t.write("\r")
        t.expect("User Access Verification")
        t.expect("Username: ")
        t.write("bob\r")
        t.expect("Password: ")
        t.write("wrong\r")
        t.expect("% Login invalid")
        t.expect("Username: ")
        t.write("bob\r")
        t.expect("Password: ")
        t.write("s3cret\r")
        t.expect("nasA>")
        assert line_json(a)["state"] == "EXEC"
        assert line_json(a)["user"] == "bob"
        t.write("show users\r")
        out = t.expect("nasA>")
        assert "bob" in out and "tty 1" in out
        # From the CLI socket too.
        users = a.json("show users")["users"]
        assert users[0]["user"] == "bob" and users[0]["line"] == 1
        t.write("exit\r")
        wait_until(lambda: line_json(a)["state"] == "IDLE", timeout=10,
                   what="line back to idle after exit")
        assert line_json(a)["last_reason"] == "User exited the EXEC"
        assert "s3cret" not in a.log()
    finally:
        t.close()


def client_config(pty, extra_if="", extra_line=""):
    return ("hostname bob\n"
            "interface Async1\n"
            " ip address negotiated\n"
            " encapsulation ppp\n"
            " async mode dedicated\n"
            " ppp chap hostname bob\n"
            " ppp chap password 0 s3cret\n" + extra_if +
            "line 1\n"
            " device %s\n" % pty + extra_line + "end\n")


def test_autoselect_ppp_during_login(net):
    pty = net["start_pty"]()
    a = net["start"]("nasA", "a", SERVER_BASE +
                     "line 1\n login local\n autoselect during-login\n"
                     " autoselect ppp\n device %s\nend\n" % pty.a,
                     debugs=nasnet.Nasd.DEBUGS + ("modem",))
    b = net["start"]("nasB", "b", client_config(pty.b))
    wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=40,
               what="PPP autoselected and up")
    log = a.log()
    assert "TTY1: Autoselect(2) sample 7E" in log
    assert "TTY1 Autoselect cmd: ppp negotiate" in log
    r = net["ns"]["a"].ping(a.interface("Async1")["peer_address"], count=2)
    assert r.returncode == 0, r.stdout
    assert line_json(a)["state"] == "PPP"
    assert b.alive()


def test_chat_script_logs_in_and_starts_ppp(net):
    """The client's dialer script logs in at the EXEC and types `ppp`
    (IOS `async mode interactive` on the server)."""
    pty = net["start_pty"]()
    a = net["start"]("nasA", "a", SERVER_BASE +
                     "line 1\n login local\n device %s\nend\n" % pty.a)
    login = ('chat-script login "" "\\r" "Username:" "bob" "Password:" '
             '"s3cret" "nasA>" "ppp" "Entering PPP mode"\n')
    b = net["start"]("nasB", "b", login + client_config(
        pty.b, extra_line=" modem InOut\n script dialer login\n"),
        debugs=nasnet.Nasd.DEBUGS + ("chat",))
    wait_until(lambda: line_json(b)["state"] == "IDLE", timeout=10,
               what="client line idle")
    b.cli("dial line 1 5551234")
    wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=40,
               what="PPP up after the scripted login")
    assert "CHAT1: Chat script login finished, status = Success" in b.log()
    assert line_json(a)["user"] == "bob"


def dial_server(pty, script="callback"):
    return (SEED001_SCRIPTS + SERVER_BASE +
            "line 1\n modem InOut\n script modem-off-hook offhook\n"
            " script callback %s\n device %s\nend\n" % (script, pty))


def run_modem(modem, seconds):
    modem.serve(seconds)


def test_dial_connects(net):
    pty = net["start_pty"]()
    a = net["start"]("nasA", "a", dial_server(pty.a))
    modem = FakeModem(pty.b, "CONNECT 33600")
    try:
        wait_until(lambda: line_json(a)["state"] == "IDLE", timeout=10,
                   what="line idle")
        a.cli("debug chat")
        a.cli("dial line 1 527-9651")
        run_modem(modem, 3)
        assert modem.commands[:3] == ["ATH1", "ATZ", "ATDT 527-9651"]
        log = a.log()
        for want in ("CHAT1: Chat script offhook started",
                     "CHAT1: Sending string: ATH1",
                     "CHAT1: Completed match for expect: OK",
                     "CHAT1: Chat script offhook finished, status = Success",
                     "CHAT1: Sending string: ATDT \\T<527-9651>",
                     "CHAT1: Chat script callback finished, status = Success"):
            assert want in log, want
        # Connected: the interface runs PPP towards the callee.
        assert line_json(a)["state"] == "PPP"
        assert b"\x7e" in modem.seen
    finally:
        modem.close()


def outcome(net, result, script, want_status, seconds):
    pty = net["start_pty"]()
    a = net["start"]("nasA", "a", dial_server(pty.a, script))
    modem = FakeModem(pty.b, result)
    try:
        wait_until(lambda: line_json(a)["state"] == "IDLE", timeout=10,
                   what="line idle")
        a.cli("debug chat")
        a.cli("dial line 1 5551234")
        run_modem(modem, seconds)
        wait_until(lambda: want_status in a.log(), timeout=15,
                   what=want_status)
        assert "call to 5551234 failed" in a.log()
        # The line is hung up and free for the next call.
        wait_until(lambda: line_json(a)["state"] == "IDLE", timeout=15,
                   what="line idle again")
        a.cli("dial line 1 5551234")  # accepted again
    finally:
        modem.close()
    return a


def test_dial_busy(net):
    a = outcome(net, "BUSY", "callback", "Aborting on string: BUSY", 2)
    assert "status = " in a.log()


def test_dial_no_answer(net):
    outcome(net, "NO ANSWER", "quick",
            "finished, status = Connection timed out", 6)


def test_dial_error(net):
    outcome(net, "ERROR", "callback", "Aborting on string: ERROR", 2)


def test_dial_refused_when_busy(net):
    pty = net["start_pty"]()
    a = net["start"]("nasA", "a", dial_server(pty.a))
    modem = FakeModem(pty.b, None)
    try:
        wait_until(lambda: line_json(a)["state"] == "IDLE", timeout=10,
                   what="line idle")
        a.cli("dial line 1 5551234")
        time.sleep(0.3)
        out = a.cli("dial line 1 5551234", check=False)
        assert "line is in use" in out
    finally:
        modem.close()
