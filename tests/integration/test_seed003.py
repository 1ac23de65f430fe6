# SPDX-License-Identifier: GPL-2.0-or-later
"""Seed 003 ("Configuring Asynchronous Callback") end to end over the
built-in phone network.  Each test loads one of the seed's three examples
unchanged (tests/vectors/seed003-*.cfg, the document's text with ASCII
quotes) and adds only what a real box needs around it: a hostname, the
Ethernet0 that `ip unnumbered ethernet 0` borrows from, the seed's
recommended callback chat script, and the lines' bindings to pstn
subscribers.

  a) "Callback to a PPP Client Example": nasdial as Ted (PAP, RFC 1570
     callback) dials line 7, is called back at 1234567 on a line of
     rotary 77, authenticates again, gets the line's `async default ip
     address`, and pings through.
  b) "Callback Clients That Connect to the EXEC Prompt Example": a
     terminal on a pstn pty logs in as milarepa, types the number to be
     called back at, is called back on the same line, logs in again.
  c) the same with nocallback-verify: the return call lands at the prompt.
  d) "Callback to an ARA Client Example": loads, and an ARA caller is
     refused with %ARAP-3-NOTSUPPORTED (nasd does not implement ARAP)."""

import os
import re
import subprocess

import pytest

import nasnet
from nasnet import wait_until
from pstnlib import PtyDte

VECTORS = os.path.join(nasnet.ROOT, "tests", "vectors")

# Seed 003's recommended PPP/EXEC chat script, with ASCII quotes.
SCRIPT = ('chat-script callback ABORT ERROR ABORT BUSY "" "ATZ" OK '
          '"ATDT \\T" TIMEOUT 30 CONNECT \\c\n')

PSTN_BODY = (
    "subscriber 5550004\n endpoint attach\n answer auto 1\n"
    "subscriber 5550007\n endpoint attach\n answer auto 1\n"
    "subscriber 5550008\n endpoint attach\n answer auto 1\n"
    "subscriber 5550009\n endpoint attach\n answer auto 1\n"
    "subscriber 1234567\n description Ted (nasdial)\n endpoint attach\n"
    " answer manual\n"
    "subscriber 5551111\n description milarepa's terminal\n"
    " endpoint pty @DIR@/term\n answer manual\n")

DEBUGS = nasnet.Nasd.DEBUGS + ("chat", "modem", "callback")


def seed(name):
    with open(os.path.join(VECTORS, "seed003-%s.cfg" % name)) as f:
        return f.read()


def bind(sock, nums, extra=""):
    """Lines nums on pstn subscribers 555000N, with `extra` for each."""
    text = ""
    for n in nums:
        text += "line %d\n device pstn:%s:555000%d\n%s" % (n, sock, n, extra)
    return text


@pytest.fixture
def env(net, request):
    """The `net` namespaces, a pstn, and a starter for nasdial processes
    whose logs are printed when the test fails."""
    yield from nasnet.pstn_dial_env(net, request, PSTN_BODY, default_name="ted")


def line_state(n, num):
    return n.json("show line %d" % num)["lines"][0]["state"]


def start(env, config, lines):
    a = env["net"]["start"]("nas003", "a", config, debugs=DEBUGS)
    for num in lines:
        wait_until(lambda: line_state(a, num) == "IDLE", timeout=10,
                   what="line %d idle (attached)" % num)
    return a


# ---- a) PPP callback to Ted on rotary 77 ----------------------------------

def test_ppp_callback_to_ted_on_rotary_77(env):
    sock = env["pstn"].attach
    cfg = ("hostname nas003\n"
           "service timestamps debug datetime msec\n" + SCRIPT +
           "interface Ethernet0\n"
           " ip address 10.1.0.1 255.255.255.0\n" +
           seed("ppp-client") +
           "\nline 7 9\n script callback callback\n exec-timeout 0 0\n" +
           bind(sock, (7, 8, 9)) + "end\n")
    a = start(env, cfg, (7, 8, 9))
    d = env["dial"](["--device", "pstn:%s:1234567" % sock, "--user", "Ted",
                     "--password", "Rhoda", "--rfc1570-callback",
                     "--tun", "dial0", "-d", "ppp negotiation",
                     "-d", "ppp authentication", "555-0007"])

    def back():
        if d.proc.poll() is not None:
            raise AssertionError("nasdial exited %s:\n%s" % (
                d.proc.returncode, d.log()))
        s = d.status()
        return s if s and s["state"] == "up" and s["return_call"] else None

    st = wait_until(back, timeout=90, what="Ted up on the return call")
    assert st["ppp"]["auth"] == "PAP"
    assert st["callback"]["request"] == "rfc1570"
    alog = a.log()
    assert "As7 LCP:    Callback 0 (0x0D0300)" in alog
    assert ("%CALLBACK-6-SCHEDULED: Callback for Ted at 1234567 in 2 s "
            "(PPP callback (RFC 1570), call on TTY7)") in alog
    # The return call goes out on a line of rotary 77 with the script.
    rl = [n for n in (7, 8, 9)
          if "CHAT%d: Sending string: ATDT \\T<1234567>" % n in alog]
    assert len(rl) == 1, alog
    rl = rl[0]
    assert ("%%CALLBACK-6-CONNECTED: Callback for Ted at 1234567 "
            "connected on TTY%d" % rl) in alog
    # PAP again on the return call, and the line's own address.
    assert 'As7 PAP: I AUTH-REQ id 1 len 14 from "Ted"' in alog
    assert 'As%d PAP: I AUTH-REQ id 1 len 14 from "Ted"' % rl in alog
    assert alog.count("PAP: I AUTH-REQ") == 2
    ifc = wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async%d" % rl),
                     timeout=20, what="IPCP open on the return call")
    want = "10.1.1.%d" % (rl - 6)
    assert ifc["peer_address"] == want
    assert st["ppp"]["local_address"] == want
    assert st["ppp"]["peer_address"] == "10.1.0.1"
    r = env["net"]["ns"]["b"].ping("10.1.0.1", count=3)
    assert r.returncode == 0, r.stdout
    assert "Rhoda" not in alog and "Rhoda" not in d.log()


# ---- b), c) EXEC callback to milarepa -------------------------------------

def exec_config(sock, user_line=None, forced_wait=4):
    text = seed("exec-callback")
    if user_line:
        # The vector has the seed's typographic quotes (“ ”).
        text, n = re.subn(r"username milarepa callback-dialstring \S* "
                          r"password letmein", user_line, text)
        assert n == 1, text
    return ("hostname nas003\n"
            "service timestamps debug datetime msec\n" + SCRIPT + text +
            "\nline 4\n"
            " modem InOut\n"
            " script callback callback\n"
            " callback forced-wait %d\n"
            " exec-timeout 0 0\n" % forced_wait +
            "line 7\n modem InOut\n script callback callback\n" +
            bind(sock, (4, 7)) + "end\n")


def dial_in(t, number="5550004"):
    t.send("AT\r")
    t.expect(rb"OK")
    t.send("ATDT %s\r" % number)
    t.expect(rb"CONNECT 33600", timeout=15)


def login(t, user=b"milarepa", password=b"letmein"):
    t.expect(rb"Username: ", timeout=15)
    t.send(user + b"\r")
    t.expect(rb"Password: ")
    t.send(password + b"\r")


def answer(t):
    t.expect(rb"RING", timeout=40)
    t.send("ATA\r")
    t.expect(rb"CONNECT 33600", timeout=15)


def test_exec_callback_user_supplied_number(env):
    """The seed's EXEC example as printed: the user names the number, the
    line calls back after `callback forced-wait`, and the login runs again
    on the return call ("Reauthentication is required upon
    reconnection")."""
    a = start(env, exec_config(env["pstn"].attach), (4, 7))
    t = PtyDte(env["pstn"].path("term"))
    try:
        dial_in(t)
        login(t)
        t.expect(rb"Callback Dialstring: ", timeout=10)
        t.send("555-1111\r")
        t.expect(rb"Callback initiated - line is disconnected\r\n")
        t.expect(rb"NO CARRIER", timeout=10)
        # The pending return call in `show users`, as for PPP.
        jobs = a.json("show users")["callbacks"]
        assert len(jobs) == 1, jobs
        job = jobs[0]
        assert job["user"] == "milarepa" and job["number"] == "555-1111"
        assert job["kind"] == "EXEC callback"
        assert job["from_line"] == 4 and job["state"] == "waiting"
        assert "Callback in" in a.cli("show users")
        log = a.log()
        assert ("%CALLBACK-6-SCHEDULED: Callback for milarepa at 555-1111 "
                "in 4 s (EXEC callback, call on TTY4)") in log
        assert ("TTY4 Callback process initiated, user: milarepa "
                "dialstring 555-1111") in log
        assert "TTY4 Callback forced wait = 4 seconds" in log
        # The same line calls the terminal back; log in again.
        answer(t)
        login(t)
        t.expect(rb"nas003>", timeout=10)
        log = a.log()
        assert "CHAT4: Sending string: ATDT \\T<555-1111>" in log
        assert ("%CALLBACK-6-CONNECTED: Callback for milarepa at 555-1111 "
                "connected on TTY4") in log
        assert log.count("TTY4: user milarepa logged in") == 2
        assert a.json("show users")["callbacks"] == []
        c = [u for u in a.json("show users")["users"] if u["line"] == 4]
        assert c and c[0]["user"] == "milarepa"
        assert "return call (callback) for milarepa" in c[0]["callback"]
        # A login on the return call is never called back again.
        t.send("show users\r")
        t.expect(rb"nas003>")
        assert log.count("%CALLBACK-6-SCHEDULED") == 1
        assert "letmein" not in log
    finally:
        t.close()


def test_exec_callback_nocallback_verify(env):
    """nocallback-verify and a fixed number: no prompt for the number, and
    the return call lands at the EXEC prompt without Username:."""
    cfg = exec_config(env["pstn"].attach,
                      user_line="username milarepa callback-dialstring "
                      "5551111 nocallback-verify password letmein",
                      forced_wait=2)
    a = start(env, cfg, (4, 7))
    t = PtyDte(env["pstn"].path("term"))
    try:
        dial_in(t)
        login(t)
        m = t.expect(rb"Callback initiated - line is disconnected")
        t.expect(rb"NO CARRIER", timeout=10)
        answer(t)
        t.expect(rb"nas003>", timeout=10)
        assert b"Username" not in t.buf
        assert ("TTY4: user milarepa logged in (callback, "
                "nocallback-verify)") in a.log()
        del m
        c = [u for u in a.json("show users")["users"] if u["line"] == 4]
        assert c and c[0]["user"] == "milarepa"
    finally:
        t.close()


def test_exec_callback_bad_number_disconnects(env):
    """A number that is not a dial string (here a Hayes command riding on
    ATDT) is refused: the call is dropped and nobody is called back."""
    a = start(env, exec_config(env["pstn"].attach), (4, 7))
    t = PtyDte(env["pstn"].path("term"))
    try:
        dial_in(t)
        login(t)
        t.expect(rb"Callback Dialstring: ", timeout=10)
        t.send("5551111;H\r")
        t.expect(rb"% Invalid callback dialstring: ';' is not a dial "
                 rb"character\r\n")
        t.expect(rb"NO CARRIER", timeout=10)
        assert ("TTY4: EXEC callback for milarepa: invalid dialstring "
                "(';' is not a dial character): not called back") in a.log()
        assert a.json("show users")["callbacks"] == []
        wait_until(lambda: line_state(a, 4) == "IDLE", timeout=10,
                   what="line 4 idle")
        assert "%CALLBACK-6-SCHEDULED" not in a.log()
        assert "ATDT" not in a.log()
    finally:
        t.close()


# ---- d) ARA ---------------------------------------------------------------

def test_ara_example_loads():
    if not os.access(nasnet.NASD, os.X_OK):
        pytest.skip("build/nasd not built")
    r = subprocess.run([nasnet.NASD, "-f",
                        os.path.join(VECTORS, "seed003-arap-callback.cfg"),
                        "--check"], capture_output=True, text=True,
                       timeout=30)
    assert r.returncode == 0, r.stderr
    for line in ("arap callback", "arap network 422 router test",
                 " autoselect arap", " arap enable", " login local"):
        assert line in r.stdout, r.stdout


def test_ara_call_is_refused(env):
    cfg = ("hostname nas003\n" + seed("arap-callback") +
           "\n" + bind(env["pstn"].attach, (4, 7, 8)) + "end\n")
    a = start(env, cfg, (4, 7, 8))
    t = PtyDte(env["pstn"].path("term"))
    try:
        dial_in(t)
        # After the line's flush-at-activation, what an ARA client sends
        # first: an MNP-style frame, SYN DLE STX ... DLE ETX.
        t.read_for(1.5)
        t.send(b"\x16\x10\x02\x01\x02\x03\x10\x03\xab\xcd")
        t.expect(rb"NO CARRIER", timeout=10)
        log = a.log()
        assert ("%ARAP-3-NOTSUPPORTED: TTY4: AppleTalk Remote Access call "
                "refused: ARA needs AppleTalk Remote Access Protocol, for "
                "which no open specification exists; nasd does not "
                "implement it") in log
        wait_until(lambda: line_state(a, 4) == "IDLE", timeout=10,
                   what="line 4 idle again")
        ln = a.json("show line 4")["lines"][0]
        assert ln["last_reason"] == "ARA not supported"
        assert "Username" not in t.buf.decode(errors="replace")
        # A person on the same line still gets the login.
        dial_in(t)
        t.read_for(1.5)
        t.send("\r")
        t.expect(rb"Username: ", timeout=10)
    finally:
        t.close()
