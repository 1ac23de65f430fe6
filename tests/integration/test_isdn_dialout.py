# SPDX-License-Identifier: GPL-2.0-or-later
"""Outgoing modem calls through nasd's digital modems (seed 001's
callback path): the line's chat scripts `offhook` and `callback` drive
the internal modem, whose ATDT places an ISDN voice call (Bearer
Capability 0x8090A2, the highest free B-channel) through the PRI to an
analog line; there a second nasd's modem answers and PPP comes up across
PRI + digital modem + analog modem.  Then the failures: the callee busy
(BUSY aborts the script), nobody answering (the modem's NO ANSWER after
S7, the chat script's TIMEOUT), and an incoming call landing on another
digital modem while these dial out."""

import os
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
import pstnlib  # noqa: E402
from nasnet import wait_until  # noqa: E402
from pstnlib import PtyDte  # noqa: E402
from test_isdn import (PRI_NUMBER, dial, isdn_up, line_json,  # noqa: E402
                       login)

PC_NUMBER = "5279651"      # the PC of the seed, behind an analog modem
BUSY_NUMBER = "5551000"    # `answer busy`
SILENT_NUMBERS = ("5552000", "5552001")  # ring, nobody answers
CALLER_NUMBER = "5553000"  # an analog caller (pty) dialling the PRI

PSTN_BODY = (
    "subscriber %s\n"
    " description nasd PRI\n"
    " isdn pri-t1\n"
    " endpoint attach\n"
    "subscriber %s\n"
    " endpoint attach\n"
    " answer auto 1\n"
    "subscriber %s\n"
    " endpoint pty @DIR@/busy\n"
    " answer busy\n"
    "subscriber %s\n"
    " endpoint pty @DIR@/silent1\n"
    " answer manual\n"
    "subscriber %s\n"
    " endpoint pty @DIR@/silent2\n"
    " answer manual\n"
    "subscriber %s\n"
    " endpoint pty @DIR@/caller\n" % (
        PRI_NUMBER, PC_NUMBER, BUSY_NUMBER, SILENT_NUMBERS[0],
        SILENT_NUMBERS[1], CALLER_NUMBER))

DEBUGS = nasnet.Nasd.DEBUGS + ("isdn q931", "isdn events", "modem",
                               "modem csm", "chat")

# Seed 001's chat scripts, as IOS writes them for callback.
SEED_SCRIPTS = (
    'chat-script offhook "" "ATH1" OK\n'
    'chat-script callback ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
    "TIMEOUT 60 CONNECT \\c\n")

# For the no-answer cases: the modem gives up after S7 = 12 s (and the
# script aborts on its NO ANSWER), or the script's own TIMEOUT ends first.
SHORT_SCRIPTS = (
    'chat-script s7wait ABORT ERROR ABORT BUSY ABORT "NO ANSWER" "" "ATZ" '
    'OK "ATS7=12" OK "ATDT \\T" TIMEOUT 60 CONNECT \\c\n'
    'chat-script quick ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
    "TIMEOUT 8 CONNECT \\c\n")


def pri_server(attach, extra_lines=""):
    """Seed 001's AS5200: a T1 PRI, digital modems on lines 1-6 with the
    callback chat scripts, CHAP on Group-Async1."""
    return (
        "hostname isdn2-2\n"
        "service timestamps debug datetime msec\n"
        "username bob password 0 s3cret\n"
        "username pc password 0 s3cret\n"
        "isdn switch-type primary-5ess\n"
        + SEED_SCRIPTS + SHORT_SCRIPTS +
        "controller T1 0\n"
        " framing esf\n"
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
        " group-range 1 6\n"
        "ip local pool default 10.9.0.10 10.9.0.20\n"
        "line 1 6\n"
        " autoselect during-login\n"
        " autoselect ppp\n"
        " script modem-off-hook offhook\n"
        " script callback callback\n"
        " login local\n"
        " modem InOut\n"
        " exec-timeout 0 0\n"
        "%s"
        "end\n" % (attach, PRI_NUMBER, extra_lines))


def pc_node(attach):
    """The called PC: a nasd whose line 1 is the modem of analog
    subscriber 5279651, answering with autoselect (like the SERVER of
    test_pstn_calls.py) and, like the seed's Windows PC, taking its
    address from the access server and answering its CHAP challenge."""
    return (
        "hostname pc\n"
        "service timestamps debug datetime msec\n"
        "username isdn2-2 password 0 s3cret\n"
        "interface Group-Async1\n"
        " ip address negotiated\n"
        " encapsulation ppp\n"
        " async mode interactive\n"
        " group-range 1 1\n"
        "line 1\n"
        " modem InOut\n"
        " login local\n"
        " autoselect during-login\n"
        " autoselect ppp\n"
        " exec-timeout 0 0\n"
        " device pstn:%s:%s\n"
        "end\n" % (attach, PC_NUMBER))


@pytest.fixture
def pstn():
    yield from pstnlib.serve(PSTN_BODY)


def start_server(net, pstn, extra_lines=""):
    a = net["start"]("isdn2-2", "a", pri_server(pstn.attach, extra_lines),
                     debugs=DEBUGS)
    wait_until(lambda: isdn_up(a, "Serial0:23"), timeout=15,
               what="PRI layer 2 up")
    wait_until(lambda: all(line_json(a, n)["state"] == "IDLE"
                           for n in range(1, 7)),
               timeout=10, what="digital modem lines idle")
    return a


def dmodem(n, num):
    return line_json(n, num)["dmodem"]


def voice_calls(n):
    return [c for c in n.json("show isdn active")["calls"]
            if c["type"] == "voice"]


def test_dialout_ppp_through_pri_and_analog_modem(net, pstn):
    """`dial line 4 5279651` runs the seed's offhook and callback scripts
    on the digital modem of TTY4; the SETUP goes out as a voice call
    (0x8090A2) on B-channel 23; the PC's nasd answers; PPP with CHAP and
    IPCP comes up; ping crosses; `clear line 4` hangs up with normal
    clearing and both ends are idle again."""
    a = start_server(net, pstn)
    b = net["start"]("pc", "b", pc_node(pstn.attach), debugs=DEBUGS)
    wait_until(lambda: line_json(b, 1)["state"] == "IDLE", timeout=10,
               what="PC line idle")
    # The switch as the seed's `show debug` lists it.
    assert "Modem Management Call Switching Module debugging is off" in \
        a.cli("undebug modem csm")
    assert "Modem Management Call Switching Module debugging is on" in \
        a.cli("debug modem csm")
    shown = a.cli("show debugging")
    assert "Modem Management:\n  Modem Management Call Switching Module " \
        "debugging is on" in shown
    assert "Modem control/process activation debugging is on" in shown
    # An idle digital modem, as show modem tells it.
    m = dmodem(a, 4)
    assert m["state"] == "idle" and m["csm_state"] == "CSM_PROC_IDLE"
    assert "internal digital modem" in a.cli("show line 4")
    out = a.cli("dial line 4 %s" % PC_NUMBER)
    assert "Dialling %s on line 4" % PC_NUMBER in out
    wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async4"), timeout=40,
               what="PPP up on the digital modem line")
    wait_until(lambda: nasnet.lcp_ipcp_open(b, "Async1"), timeout=20,
               what="PPP up at the PC")
    assert line_json(a, 4)["state"] == "PPP"
    assert a.interface("Async4")["peer_address"] == "10.9.0.10"
    r = net["ns"]["a"].ping("10.9.0.10", count=2)
    assert r.returncode == 0, r.stdout
    # The call as the ISDN side and the modem see it.
    calls = voice_calls(a)
    assert len(calls) == 1
    c = calls[0]
    assert c["direction"] == "out" and c["called"] == PC_NUMBER
    assert c["bchannel"] == 23 and c["interface"] == "Serial0:22"
    assert c["line"] == "Async4" and c["state"] == "connected"
    m = dmodem(a, 4)
    assert m["name"] == "modem 0/3" and m["port"] == 3
    assert m["state"] == "online" and m["speed"] == 33600
    assert m["call"] == "Serial0:22" and m["direction"] == "out"
    assert m["csm_state"] == "CSM_PROC_IC5_OC6_CONNECTED"
    assert m["calls_out"] == 1 and m["tx_octets"] > 0 and \
        m["rx_octets"] > 0
    assert line_json(a, 4)["connect_speed"] == 33600
    text = a.cli("show modem 4")
    assert "dmodem online" in text and "modem 0/3 Serial0:22" in text
    assert "CSM state: CSM_PROC_IC5_OC6_CONNECTED" in text
    assert pstn.calls()[-1]["bearer"] == "speech"
    assert pstn.calls()[-1]["caller_port"] == PRI_NUMBER + ":B23"
    log = a.log()
    # debug chat: the seed's CHAT4 lines.
    for line in (
            "CHAT4: Matched chat script offhook to string offhook",
            "CHAT4: Asserting DTR",
            "CHAT4: Chat script offhook started",
            "CHAT4: Sending string: ATH1",
            "CHAT4: Expecting string: OK",
            "CHAT4: Completed match for expect: OK",
            "CHAT4: Chat script offhook finished, status = Success",
            "CHAT4: Matched chat script callback to string callback",
            "CHAT4: Chat script callback started",
            "CHAT4: Sending string: ATZ",
            "CHAT4: Sending string: ATDT \\T<%s>" % PC_NUMBER,
            "CHAT4: Expecting string: CONNECT",
            "CHAT4: Completed match for expect: CONNECT",
            "CHAT4: Sending string: \\c",
            "CHAT4: Chat script callback finished, status = Success"):
        assert line in log, line
    # in the seed's order: each script is matched when it starts
    assert log.index("CHAT4: Chat script offhook finished") < \
        log.index("CHAT4: Matched chat script callback to string callback")
    # debug isdn q931: a voice call on the highest B-channel.
    assert "ISDN Se0:23: TX -> SETUP pd = 8 callref = 0x" in log
    i = log.find("ISDN Se0:23: TX -> SETUP pd = 8 callref = 0x")
    setup = log[i:i + 600]
    assert "        Bearer Capability i = 0x8090A2" in setup
    # Exclusive, B-channel 23 (the seed asked for it as preferred).
    assert "        Channel ID i = 0xA98397" in setup
    assert "        Called Party Number i = 0xA1, '%s'" % PC_NUMBER in setup
    assert "'%s'" % PC_NUMBER in log
    assert "ISDN Se0:23: RX <- CONNECT pd = 8" in log
    assert "process_pri_call making a voice_call." in log
    # debug modem csm: the seed's events, in order.
    order = [
        "CSM_PROC_IDLE: CSM_EVENT_MODEM_OFFHOOK at slot 0, port 3",
        "CSM_PROC_OC1_REQUEST_DIGIT: CSM_EVENT_MODEM_ONHOOK at slot 0, "
        "port 3",
        "VDEV_DEALLOCATE: slot 0 and port 3 is deallocated",
        "CSM_PROC_IDLE: CSM_EVENT_MODEM_OFFHOOK at slot 0, port 3",
        "CSM_PROC_OC1_REQUEST_DIGIT: CSM_EVENT_DIGIT_COLLECT_READY at "
        "slot 0, port 3",
        "CSM_PROC_OC1_REQUEST_DIGIT: CSM_EVENT_ADDR_INFO_COLLECTED at "
        "slot 0, port 3",
        "CSM_PROC_OC2_COLLECT_1ST_DIGIT: CSM_EVENT_GET_1ST_DIGIT at slot 0,"
        " port 3",
        "CSM_PROC_OC3_COLLECT_ALL_DIGIT: CSM_EVENT_GET_ALL_DIGITS at slot 0,"
        " port 3",
        "CSM_PROC_OC3_COLLECT_ALL_DIGIT: called party num: (%s) at slot 0, "
        "port 3" % PC_NUMBER,
        "ISDN Se0:23: TX -> SETUP",
        "CSM_PROC_OC4_DIALING: CSM_EVENT_ISDN_BCHAN_ASSIGNED at slot 0, "
        "port 3",
        "CSM_PROC_OC5_WAIT_FOR_CARRIER: CSM_EVENT_ISDN_CONNECTED at slot 0,"
        " port 3",
    ]
    pos = 0
    for line in order:
        i = log.find(line, pos)
        assert i >= 0, "missing or out of order: " + line
        pos = i + len(line)
    # debug modem: the modem core's own lines, named after slot/port.
    assert "modem 0/3: dialing %s" % PC_NUMBER in log
    assert "modem 0/3: carrier at 33600 bit/s" in log
    assert "s3cret" not in log
    # Hang up from nasd: DTR drops, the modem goes on hook, normal
    # clearing; both ends idle again.
    a.cli("clear line 4")
    wait_until(lambda: not voice_calls(a), timeout=15,
               what="the call cleared")
    wait_until(lambda: line_json(a, 4)["state"] == "IDLE", timeout=15,
               what="line 4 idle")
    wait_until(lambda: line_json(b, 1)["state"] == "IDLE", timeout=15,
               what="PC line idle")
    log = a.log()
    assert "CSM_PROC_IC5_OC6_CONNECTED: CSM_EVENT_MODEM_ONHOOK at slot 0, " \
        "port 3" in log
    # Cause 16 (libpri codes the location as 1, the seed's IOS as 0).
    i = log.find("ISDN Se0:23: TX -> DISCONNECT pd = 8")
    assert i >= 0
    assert "90 - Normal call clearing" in log[i:i + 200]
    assert "%%ISDN-6-DISCONNECT: Interface Serial0:22 disconnected from " \
        "%s" % PC_NUMBER in log
    m = dmodem(a, 4)
    assert m["state"] == "idle" and m["call"] == "" and \
        m["csm_state"] == "CSM_PROC_IDLE"
    assert pstn.calls()[-1]["state"] == "released"
    assert a.alive() and b.alive()


def test_busy_then_call_again(net, pstn):
    """The callee is busy: the network clears the SETUP with cause 17,
    the modem says BUSY, the callback script aborts on it and the line is
    idle again; the same line then places a call that connects."""
    a = start_server(net, pstn)
    b = net["start"]("pc", "b", pc_node(pstn.attach), debugs=DEBUGS)
    a.cli("dial line 4 %s" % BUSY_NUMBER)
    wait_until(lambda: "CHAT4: Chat script callback finished, status = "
               "Aborted" in a.log(), timeout=20, what="the script aborted")
    log = a.log()
    assert "CHAT4: Aborting on string: BUSY" in log
    assert "User busy" in log
    assert "TTY4: call to %s failed" % BUSY_NUMBER in log
    wait_until(lambda: line_json(a, 4)["state"] == "IDLE", timeout=10,
               what="line 4 idle after BUSY")
    assert not voice_calls(a)
    m = dmodem(a, 4)
    assert m["state"] == "idle" and m["csm_state"] == "CSM_PROC_IDLE"
    assert pstn.calls()[-1]["cause"] == "busy"
    # The line and its modem are free: the next call connects.
    wait_until(lambda: line_json(b, 1)["state"] == "IDLE", timeout=10,
               what="PC line idle")
    a.cli("dial line 4 %s" % PC_NUMBER)
    wait_until(lambda: nasnet.lcp_ipcp_open(a, "Async4"), timeout=40,
               what="PPP up after the busy attempt")
    assert dmodem(a, 4)["calls_out"] == 2
    assert a.alive() and b.alive()


def test_no_answer_and_incoming_call_meanwhile(net, pstn):
    """Two digital modems call lines that ring and never answer: on line
    5 the modem gives up after S7 (NO ANSWER, which the script aborts on),
    on line 6 the script's TIMEOUT ends the call first.  Meanwhile an
    analog caller dials the PRI and gets a third digital modem, with a
    login, as usual.  Afterwards every line is free and no call is left
    on the PRI."""
    extra = ("line 5\n"
             " script dialer s7wait\n"
             " rotary 1\n"
             "line 6\n"
             " script dialer quick\n"
             " rotary 1\n")
    a = start_server(net, pstn, extra)
    # The rotary hunts its lines in order: 5, then 6.
    assert "on line 5 (rotary 1)" in \
        a.cli("dial rotary 1 %s" % SILENT_NUMBERS[0])
    assert "on line 6 (rotary 1)" in \
        a.cli("dial rotary 1 %s" % SILENT_NUMBERS[1])
    assert "No free line in rotary 1" in \
        a.cli("dial rotary 1 %s" % PC_NUMBER, check=False)
    wait_until(lambda: len(voice_calls(a)) == 2, timeout=10,
               what="two calls ringing out")
    assert sorted(c["bchannel"] for c in voice_calls(a)) == [22, 23]
    assert line_json(a, 5)["state"] == "DIALING"
    assert dmodem(a, 5)["state"] == "calling"
    # An incoming call while they dial: the first free modem takes it.
    t = PtyDte(pstn.path("caller"))
    try:
        assert dial(t, PRI_NUMBER) == "CONNECT 33600"
        login(t)
        assert line_json(a, 1)["state"] == "EXEC"
        m1 = dmodem(a, 1)
        assert m1["direction"] == "in" and m1["state"] == "online"
        assert line_json(a, 5)["state"] == "DIALING"
        log = a.log()
        assert "VDEV_ALLOCATE: slot 0 and port 0 is allocated." in log
        assert "CSM_PROC_IDLE: CSM_EVENT_ISDN_CALL at slot 0, port 0" in log
        assert "Fast Ringing On at modem slot 0, port 0" in log
        assert "CSM_PROC_IC1_RING: CSM_EVENT_MODEM_OFFHOOK at slot 0, " \
            "port 0" in log
        # Line 6: the script's TIMEOUT (8 s) hangs up.
        wait_until(lambda: "CHAT6: Chat script quick finished, status = "
                   "Connection timed out" in a.log(), timeout=20,
                   what="line 6's script timing out")
        # Line 5: S7 = 12 s, NO ANSWER, the script aborts.
        wait_until(lambda: "CHAT5: Chat script s7wait finished, status = "
                   "Aborted" in a.log(), timeout=20,
                   what="line 5's modem giving up")
        log = a.log()
        assert "CHAT5: Aborting on string: NO ANSWER" in log
        assert "modem 0/4: S7 expired: no answer" in log
        wait_until(lambda: line_json(a, 5)["state"] == "IDLE" and
                   line_json(a, 6)["state"] == "IDLE", timeout=10,
                   what="lines 5 and 6 idle")
        wait_until(lambda: len(voice_calls(a)) == 1, timeout=10,
                   what="only the incoming call left")
        assert voice_calls(a)[0]["direction"] == "in"
        assert dmodem(a, 6)["csm_state"] == "CSM_PROC_IDLE"
        # The caller's session is untouched.
        t.send("show users\r")
        out = t.expect(b"isdn2-2>").string.decode(errors="replace")
        assert "bob" in out
        time.sleep(1.2)
        t.send("+++")
        time.sleep(1.2)
        t.expect(b"OK")
        t.send("ATH\r")
        t.expect(b"OK")
        wait_until(lambda: line_json(a, 1)["state"] == "IDLE", timeout=15,
                   what="line 1 idle after the caller hung up")
        wait_until(lambda: not voice_calls(a), timeout=10,
                   what="no call left")
        # The caller's modem went away: carrier lost, the modem goes on
        # hook and clears the call.
        assert "CSM_PROC_IC5_OC6_CONNECTED: CSM_EVENT_MODEM_ONHOOK at " \
            "slot 0, port 0" in a.log()
    finally:
        t.close()
    # start-chat on a digital modem line: ATH1 takes its modem off hook
    # (the line stays idle but the modem is busy); clear line resets it.
    a.cli("start-chat offhook 3")
    wait_until(lambda: dmodem(a, 3)["state"] == "off-hook", timeout=10,
               what="modem 0/2 off hook")
    assert dmodem(a, 3)["csm_state"] == "CSM_PROC_OC1_REQUEST_DIGIT"
    assert "line is in use" in a.cli("dial line 3 %s" % PC_NUMBER,
                                     check=False)
    a.cli("clear line 3")
    wait_until(lambda: dmodem(a, 3)["state"] == "idle" and
               line_json(a, 3)["state"] == "IDLE", timeout=10,
               what="modem 0/2 back on hook")
    assert a.alive()
