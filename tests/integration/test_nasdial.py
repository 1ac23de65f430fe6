# SPDX-License-Identifier: GPL-2.0-or-later
"""nasdial, the dial-up client ("the Windows PC" of seed 001), against nasd
on the built-in phone network: dialling a nasd modem line and a nasd PRI
digital modem, CHAP and PAP, a pool address and DNS servers, a ping
through nasdial's TUN; busy, no answer, unallocated number and a wrong
password with their exit codes; answer mode (nasd places the call with
`dial line`); a pty device with in-band carrier loss; the pcap; and the
callback stories once nasd's callback is in (CBCP preset and "ask me" with
seed 001's stale identifier, "no callback", RFC 1570 operation 0).

nasd runs in namespace a, nasdial in namespace b, both attached to one
pstn process (Unix sockets in the test directory)."""

import os
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
from nasnet import wait_until  # noqa: E402
from test_isdn import PRI_NUMBER, isdn_up, pri_server  # noqa: E402

NASDIAL = nasnet.NASDIAL

PSTN_BODY = (
    "subscriber 5550001\n endpoint attach\n answer auto 1\n"
    "subscriber 5550002\n endpoint attach\n answer auto 1\n"
    "subscriber 5279651\n description nasdial\n endpoint attach\n"
    " answer manual\n"
    "subscriber 5279652\n description nasdial on a pty\n"
    " endpoint pty @DIR@/modemC\n answer manual\n"
    "subscriber 5553333\n endpoint pty @DIR@/busy\n answer busy\n"
    "subscriber 5554444\n endpoint pty @DIR@/never\n answer never\n"
    "subscriber 4084327528\n description nasd PRI\n isdn pri-t1\n"
    " endpoint attach\n")

SCRIPTS = (
    'chat-script offhook "" "ATH1" OK\n'
    'chat-script callback ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
    'TIMEOUT 60 CONNECT \\c\n')


def server_config(attach, auth="chap", user="username bob password 0 s3cret",
                  if_extra=""):
    """Two modem lines of a Group-Async, as in test_pstn_calls.py, with
    name servers for RFC 1877 and the seed's callback scripts."""
    return (
        "hostname nasA\n"
        "service timestamps debug datetime msec\n"
        + user + "\n" +
        "ip local pool dialin 10.0.0.2 10.0.0.10\n"
        "ip name-server 10.0.0.53 10.0.0.54\n"
        + SCRIPTS +
        "interface Loopback0\n"
        " ip address 10.0.0.1 255.255.255.255\n"
        "interface Group-Async1\n"
        " ip unnumbered Loopback0\n"
        " encapsulation ppp\n"
        " async mode interactive\n"
        " peer default ip address pool dialin\n"
        " ppp authentication %s\n"
        + if_extra +
        " group-range 1 2\n"
        "line 1 2\n"
        " modem InOut\n"
        " login local\n"
        " autoselect during-login\n"
        " autoselect ppp\n"
        " exec-timeout 0 0\n"
        " script modem-off-hook offhook\n"
        " script callback callback\n"
        "line 1\n"
        " device pstn:%s:5550001\n"
        "line 2\n"
        " device pstn:%s:5550002\n"
        "end\n") % (auth, attach, attach)


@pytest.fixture
def env(net, request):
    """The `net` namespaces, a pstn, and a starter for nasdial processes
    whose logs are printed when the test fails."""
    yield from nasnet.pstn_dial_env(net, request, PSTN_BODY)


def line_state(n, num):
    return n.json("show line %d" % num)["lines"][0]["state"]


def start_server(env, **kw):
    net, pstn = env["net"], env["pstn"]
    a = net["start"]("nasA", "a", server_config(pstn.attach, **kw),
                     debugs=nasnet.Nasd.DEBUGS + ("chat", "modem"))
    for num in (1, 2):
        wait_until(lambda: line_state(a, num) == "IDLE", timeout=10,
                   what="line %d idle (attached)" % num)
    return a


def device(env, number="5279651"):
    return "pstn:%s:%s" % (env["pstn"].attach, number)


DEBUGS = ["-d", "ppp negotiation", "-d", "ppp authentication", "-d",
          "chat"]


def test_dials_modem_line_chap_dns_tun_ping(env):
    a = start_server(env)
    resolv = os.path.join(env["net"]["dir"], "resolv.conf")
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--tun", "dial0",
                     "--resolv", resolv] + DEBUGS + ["555-0001"])
    st = d.wait_state("up", timeout=40)
    assert st["ppp"]["lcp"] == "Open" and st["ppp"]["ipcp"] == "Open"
    assert st["ppp"]["auth"] == "CHAP"
    assert st["ppp"]["peer_address"] == "10.0.0.1"
    local = st["ppp"]["local_address"]
    assert local.startswith("10.0.0.")
    assert st["ppp"]["dns"] == ["10.0.0.53", "10.0.0.54"]
    assert st["connect_speed"] == 33600
    assert st["tun"] == "dial0"
    assert st["callback"]["request"] == "none"
    with open(resolv) as f:
        text = f.read()
    assert "nameserver 10.0.0.53\nnameserver 10.0.0.54\n" in text
    # The server sees the same session.
    ia = wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async1"),
                    timeout=10, what="nasd side up")
    assert ia["peer_address"] == local
    # Through nasdial's TUN to nasd's loopback, and back.
    r = env["net"]["ns"]["b"].ping("10.0.0.1", count=3)
    assert r.returncode == 0, r.stdout
    r = env["net"]["ns"]["a"].ping(local, count=2)
    assert r.returncode == 0, r.stdout
    log = d.log()
    # nasd's own LCP lines, on interface Async1.
    assert "As1 LCP: O CONFREQ [Closed] id 1 len 20" in log
    assert "As1 PPP: Phase is AUTHENTICATING, by the peer" in log
    assert "As1 IPCP:    PrimaryDNS 10.0.0.53 (0x81060A000035)" in log
    assert "CHAT: Sending string: ATDT\\T<555-0001>" in log
    assert "s3cret" not in log
    assert d.stop() == 0
    st = d.status()
    assert st["state"] == "done" and st["exit"]["code"] == 0
    assert "nasdial: exit 0 (ok)" in d.out()
    wait_until(lambda: line_state(a, 1) == "IDLE", timeout=15,
               what="server line idle after nasdial hung up")


def test_pap_and_pcap(env):
    start_server(env, auth="pap")
    pcap = os.path.join(env["net"]["dir"], "dial.pcap")
    pwfile = os.path.join(env["net"]["dir"], "pw")
    with open(pwfile, "w") as f:
        f.write("s3cret\n")
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password-file", pwfile, "--pcap", pcap,
                     "--up-for", "2", "--no-dns"] + DEBUGS + ["5550002"])
    st = d.wait_state("up", timeout=40)
    assert st["ppp"]["auth"] == "PAP"
    assert st["ppp"]["dns"] == []
    assert st["tun"] is None
    assert d.wait_exit(30) == 0
    assert "IPCP:    PrimaryDNS" not in d.log()
    assert "s3cret" not in d.log()
    r = subprocess.run(["tshark", "-r", pcap, "-T", "fields", "-e",
                        "ppp.protocol", "-e", "_ws.expert"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip("tshark cannot read the capture: " + r.stderr)
    protos = r.stdout.split()
    assert "0xc021" in protos and "0xc023" in protos and "0x8021" in protos
    assert "malformed" not in r.stdout.lower()


def test_dials_pri_digital_modem(env):
    """Seed 001's direction: the PC dials 4084327528 and lands on a
    digital modem of the PRI access server."""
    net, pstn = env["net"], env["pstn"]
    a = net["start"]("isdn2-2", "a", pri_server(pstn.attach),
                     debugs=nasnet.Nasd.DEBUGS + ("modem",))
    wait_until(lambda: isdn_up(a, "Serial0:23"), timeout=15,
               what="PRI layer 2 up")
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--tun", "dial0"] + DEBUGS +
                    [PRI_NUMBER])
    st = d.wait_state("up", timeout=40)
    assert st["ppp"]["peer_address"] == "10.9.0.1"
    assert st["ppp"]["local_address"].startswith("10.9.0.")
    r = net["ns"]["b"].ping("10.9.0.1", count=3)
    assert r.returncode == 0, r.stdout
    active = a.json("show isdn active")["calls"]
    assert len(active) == 1 and active[0]["calling"] == "5279651"
    assert d.stop() == 0


def test_busy_no_answer_unallocated(env):
    d = env["dial"](["--device", device(env), "5553333"], name="busy")
    assert d.wait_exit(30) == 5
    assert d.status()["exit"] == {"code": 5, "name": "busy",
                                  "reason": "BUSY"}
    assert "nasdial: BUSY" in d.log()
    # The caller's S7 gives NO ANSWER after 3 s of ringing.
    script = ('ABORT BUSY ABORT "NO CARRIER" ABORT "NO ANSWER" "" ATZ OK '
              'ATS7=3 OK "ATDT\\T" TIMEOUT 30 CONNECT \\c')
    d = env["dial"](["--device", device(env), "--dial-script", script,
                     "5554444"], name="noanswer")
    assert d.wait_exit(30) == 7
    assert d.status()["exit"]["reason"] == "NO ANSWER"
    d = env["dial"](["--device", device(env), "5559999"], name="nobody")
    assert d.wait_exit(30) == 6
    assert d.status()["exit"]["name"] == "no-carrier"
    calls = env["pstn"].calls()
    assert [c["dialled"] for c in calls][-3:] == ["5553333", "5554444",
                                                  "5559999"]


def test_wrong_password(env):
    start_server(env)
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "wrong"] + DEBUGS + ["5550001"])
    assert d.wait_exit(40) == 10
    st = d.status()
    assert st["exit"]["name"] == "auth-failed"
    assert st["exit"]["reason"] == ("authentication failed: the server "
                                    "refused our name or password")
    assert "wrong" not in d.log()


def test_bad_command_line_and_device(env):
    r = subprocess.run([NASDIAL, "--device", "/x", "--callback", "maybe",
                        "5551"], capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr == ("nasdial: --callback maybe: expected no, ask or a "
                        "phone number\n")
    r = subprocess.run([NASDIAL, "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "12  no-return-call" in r.stdout
    d = env["dial"](["--device", device(env, "5550009"), "5551"],
                    name="unknown")
    assert d.wait_exit(15) == 3
    assert "refused subscriber 5550009" in d.status()["exit"]["reason"]


def test_answer_mode_nasd_calls(env):
    """`--answer`: nasd places the call (`dial line`), nasdial answers
    with ATA and authenticates as the client."""
    a = start_server(env)
    d = env["dial"](["--device", device(env), "--answer", "--user", "bob",
                     "--password", "s3cret", "--tun", "dial0"] + DEBUGS)
    d.wait_state("answering", timeout=10)
    wait_until(lambda: "CHAT: Sending string: ATS0=0" in d.log(),
               timeout=10, what="answer script armed")
    out = a.cli("dial line 1 527-9651")
    assert "line 1" in out
    st = d.wait_state("up", timeout=40)
    assert st["number"] is None and st["counts"]["answers"] == 1
    assert st["counts"]["dials"] == 0
    log = d.log()
    assert "CHAT: Completed match for expect: RING" in log
    assert "CHAT: Sending string: ATA" in log
    assert "As1 PPP: Treating connection as a callin" in log
    r = env["net"]["ns"]["b"].ping("10.0.0.1", count=2)
    assert r.returncode == 0, r.stdout
    assert d.stop() == 0


def test_pty_device_carrier_loss(env):
    """A pty of the phone network: no modem-control lines, so carrier
    loss is the modem's NO CARRIER in the data stream."""
    start_server(env)
    d = env["dial"](["--device", env["pstn"].path("modemC"), "--user",
                     "bob", "--password", "s3cret"] + DEBUGS +
                    ["555-0001"])
    d.wait_state("up", timeout=40)
    assert "has no modem-control lines" in d.log()
    call = [c for c in env["pstn"].calls() if c["state"] == "connected"]
    assert len(call) == 1
    env["pstn"].cli("clear call %d" % call[0]["id"])
    assert d.wait_exit(20) == 13
    st = d.status()
    assert st["exit"]["reason"] == "carrier lost"


# ---- callback ------------------------------------------------------------------

CB_USER_ANY = 'username bob callback-dialstring "" password 0 s3cret'
CB_USER_PRESET = "username bob callback-dialstring 5279651 password 0 s3cret"
CB_DEBUGS = DEBUGS + ["-d", "ppp cbcp"]


def start_cb_server(env, user=CB_USER_ANY, if_extra=" ppp callback accept\n"):
    return start_server(env, user=user, if_extra=if_extra)



def return_call_up(d, timeout=60):
    def ok():
        if d.proc.poll() is not None:
            raise AssertionError("nasdial exited %s:\n%s" % (
                d.proc.returncode, d.log()))
        s = d.status()
        return s if s and s["state"] == "up" and s["return_call"] else None
    return wait_until(ok, timeout=timeout, what="up on the return call")


def test_cbcp_preset_number_called_back(env):
    """`--callback NUMBER` ("Always call me back at"), the server with
    `ppp callback accept` and a user who names the number (seed 001's
    `callback-dialstring ""`): CBCP type 2, Terminate-Request, the server
    calls 527-9651, nasdial answers and comes up again."""
    a = start_cb_server(env)
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--callback", "527-9651",
                     "--callback-delay", "1", "--tun", "dial0"] +
                    CB_DEBUGS + ["555-0001"])
    st = return_call_up(d)
    cb = st["callback"]
    assert cb["request"] == "cbcp" and cb["mode"] == "preset"
    assert cb["agreed"] and cb["return_call"]
    assert cb["number"] == "527-9651" and cb["delay"] == 1
    assert cb["type"] == "Client-Num"
    assert cb["offered"] == ["Client-Num"]
    assert st["counts"] == {"dials": 1, "answers": 1, "connects": 2,
                            "sessions": 2, "ups": 1, "callbacks": 1}
    log = d.log()
    # The first call asks for callback (0D 03 06), the return call not.
    assert "As1 LCP:    Callback 6 (0x0D0306)" in log
    first, second = log.split("nasdial: waiting for the return call")
    assert "Callback 6" not in second
    assert "CHAT: Completed match for expect: RING" in second
    alog = a.log()
    assert "MCB: Initiate Callback for bob at 527-9651" in alog
    r = env["net"]["ns"]["b"].ping("10.0.0.1", count=2)
    assert r.returncode == 0, r.stdout
    assert d.stop() == 0
    assert "return call answered" in d.out()


def test_cbcp_ask_slow_user_stale_id(env):
    """"Ask me": the scripted user takes 5 s to type the number, so the
    Response carries the first Request's identifier while the server has
    moved on (seed 001: "Resp ignored. ID Expected 24, got id 20"); the
    next Request is answered at once and the callback still happens."""
    a = start_cb_server(env)
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--callback", "ask",
                     "--ask-answer", "527-9651", "--ask-delay-ms", "5000",
                     "--callback-delay", "1"] + CB_DEBUGS + ["555-0001"])
    st = return_call_up(d, timeout=80)
    assert st["callback"]["mode"] == "ask"
    assert st["callback"]["number"] == "527-9651"
    alog = a.log()
    assert "MCB: Resp ignored. ID Expected" in alog
    assert ("nasdial: the server offers callback (Client-Num): answering "
            "\"527-9651\" in 5000 ms (--ask-answer)") in d.log()
    assert d.stop() == 0


def test_cbcp_ask_on_stdin(env):
    """"Ask me" for real: the prompt goes to stderr and the number is
    read from stdin."""
    start_cb_server(env)
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--callback", "ask",
                     "--callback-delay", "1"] + CB_DEBUGS + ["555-0001"],
                    stdin=subprocess.PIPE)
    wait_until(lambda: "Call me back at (empty: no callback): " in d.log(),
               timeout=40, what="the callback prompt")
    d.proc.stdin.write(b"527-9651\n")
    d.proc.stdin.flush()
    st = return_call_up(d)
    assert st["callback"]["number"] == "527-9651"
    assert "nasdial: call me back at 527-9651" in d.log()
    assert d.stop() == 0


def test_cbcp_no_callback_stays_connected(env):
    """`--callback no` against a user without a callback-dialstring: the
    server offers "no callback" only, nasdial takes it, the link stays."""
    a = start_cb_server(env, user="username bob password 0 s3cret")
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--callback", "no"] +
                    CB_DEBUGS + ["555-0001"])
    st = d.wait_state("up", timeout=40)
    assert not st["callback"]["agreed"] and not st["return_call"]
    assert st["callback"]["type"] == "No-Callback"
    wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async1"), timeout=10,
               what="server side up")
    time.sleep(3)
    st = d.status()
    assert st["state"] == "up" and st["counts"]["dials"] == 1
    assert st["counts"]["answers"] == 0
    assert d.stop() == 0


def test_cbcp_preset_user_without_dialstring_stays_connected(env):
    """nasdial asks to be called back at its number, but the user has no
    callback-dialstring: not authorised for callback.  The server offers
    "no callback" only, the call simply goes on (issue 4's policy)."""
    a = start_cb_server(env, user="username bob password 0 s3cret")
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--callback", "527-9651",
                     "--tun", "dial0"] + CB_DEBUGS + ["555-0001"])
    st = d.wait_state("up", timeout=40)
    assert not st["callback"]["agreed"] and not st["return_call"]
    assert st["callback"]["offered"] == ["No-Callback"]
    alog = a.log()
    assert "MCB: User bob Callback Number - none" in alog
    assert "Initiate Callback" not in alog
    r = env["net"]["ns"]["a"].ping(
        nasnet.lcp_ipcp_open(a, "Async1")["peer_address"], count=2)
    assert r.returncode == 0, r.stdout
    assert d.stop() == 0


def test_cbcp_server_number_wins(env):
    """Toll-fraud guard: the user's callback-dialstring is 5279651, the
    client would like 555-9999.  CBCP offers only the preset number (type
    3); the return call goes to 5279651 and never to the client's number."""
    a = start_cb_server(env, user=CB_USER_PRESET)
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--callback", "555-9999",
                     "--callback-delay", "1"] + CB_DEBUGS + ["555-0001"])
    st = return_call_up(d)
    assert st["callback"]["offered"] == ["Server-Num"]
    assert st["callback"]["type"] == "Server-Num"
    alog = a.log()
    assert "MCB: User bob Callback Number - 5279651" in alog
    assert "Initiate Callback for bob at 5279651" in alog
    assert "ATDT \\T<5279651>" in alog
    assert "555-9999" not in alog and "5559999" not in alog
    assert d.stop() == 0


def test_rfc1570_op0_called_back(env):
    """RFC 1570 operation 0 (IOS `ppp callback request`): the server
    takes 5279651 from the user's profile, ends the link after CHAP and
    calls back."""
    a = start_cb_server(env, user=CB_USER_PRESET)
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--rfc1570-callback"] +
                    CB_DEBUGS + ["555-0001"])
    st = return_call_up(d)
    assert st["callback"]["request"] == "rfc1570"
    assert st["callback"]["agreed"] and st["callback"]["return_call"]
    assert "As1 LCP:    Callback 0 (0x0D0300)" in d.log()
    assert "5279651" in a.log()
    assert d.stop() == 0


def test_ppp_callback_initiate_expect_callback(env):
    """`ppp callback initiate` on the server, `--expect-callback` here:
    no negotiation; the server hangs up after authentication and calls
    the number in the profile; nasdial is in answer mode."""
    start_cb_server(env, user=CB_USER_PRESET,
                    if_extra=" ppp callback initiate\n")
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--expect-callback"] +
                    CB_DEBUGS + ["555-0001"])
    st = return_call_up(d)
    assert st["callback"]["agreed"] and st["callback"]["request"] == "none"
    assert "Callback" not in d.log().split("waiting for the return")[0]
    assert d.stop() == 0


def test_callback_refused_by_server(env):
    """`--callback NUMBER` against a server without `ppp callback
    accept`: LCP rejects option 13, nasdial hangs up with exit 11."""
    start_server(env)
    d = env["dial"](["--device", device(env), "--user", "bob",
                     "--password", "s3cret", "--callback", "5279651"] +
                    CB_DEBUGS + ["555-0001"])
    assert d.wait_exit(40) == 11
    st = d.status()
    assert st["exit"]["reason"] == ("the server rejected the LCP Callback "
                                    "option")
    assert st["callback"]["refused"]
