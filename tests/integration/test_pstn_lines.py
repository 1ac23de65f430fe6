# SPDX-License-Identifier: GPL-2.0-or-later
"""build/pstn with pty subscribers: dialling in several spellings,
auto-answer, CONNECT 33600, data both ways, hang-up by +++/ATH and by
closing the slave, BUSY, NO ANSWER, line noise, clear call,
hangup-on-carrier-loss, and `show calls json` telling the story."""

import os
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pstnlib  # noqa: E402
from pstnlib import PtyDte, Pstn  # noqa: E402

CONF = """\
subscriber 5551000
 description caller
 endpoint pty @DIR@/modemA
 answer manual
subscriber 527-9651
 endpoint pty @DIR@/modemB
 answer auto 1
subscriber 5550001
 endpoint pty @DIR@/modemC
 answer busy
subscriber 5550002
 endpoint pty @DIR@/modemD
 answer never
subscriber 5550003
 endpoint pty @DIR@/modemN
 ber 1e-3
 seed 5
subscriber 5550004
 endpoint pty @DIR@/modemH
 hangup-on-carrier-loss
"""


@pytest.fixture
def pstn():
    why = pstnlib.missing()
    if why:
        pytest.skip(why)
    p = Pstn(CONF)
    yield p
    p.stop()
    print("===== pstn log =====\n" + p.log()[-20000:])
    p.cleanup()


def dte(pstn, name):
    d = PtyDte(pstn.path(name))
    d.send("ATE0\r")
    d.expect(b"OK\r\n")
    return d


def connect(a, b, number):
    a.send("ATDT%s\r" % number)
    b.expect(b"RING\r\n")
    a.expect(b"\r\nCONNECT 33600\r\n")
    b.expect(b"\r\nCONNECT 33600\r\n")


def escape_and_hang_up(a):
    time.sleep(1.1)
    a.send("+++")
    a.expect(b"\r\nOK\r\n", timeout=3)
    a.send("ATH\r")
    a.expect(b"\r\nOK\r\n")


def test_spellings_connect_data_hangup(pstn):
    a, b = dte(pstn, "modemA"), dte(pstn, "modemB")
    spellings = ["527-9651", "1-527-9651", "5279651"]
    for n, number in enumerate(spellings):
        connect(a, b, number)
        a.send("ping %d from A" % n)
        b.expect(b"ping %d from A" % n)
        b.send("pong %d from B" % n)
        a.expect(b"pong %d from B" % n)
        escape_and_hang_up(a)
        b.expect(b"\\+\\+\\+\r\nNO CARRIER\r\n")
    calls = pstn.calls()
    assert [c["dialled"] for c in calls] == spellings
    for c in calls:
        assert c["caller"] == "5551000"
        assert c["callee"] == "5279651"
        assert c["state"] == "released"
        assert c["speed"] == 33600
        assert c["released_by"] == "caller"
        # "ping N from A" plus the "+++" that went to the line as data.
        assert c["octets_caller_to_callee"] == len("ping 0 from A") + 3
        assert c["octets_callee_to_caller"] == len("pong 0 from B")
        assert c["duration_ms"] > 1000
    assert "released" in pstn.cli("show calls")


def test_closing_slave_hangs_up(pstn):
    a, b = dte(pstn, "modemA"), dte(pstn, "modemB")
    connect(a, b, "5279651")
    calls = pstn.calls()
    assert calls[-1]["state"] == "connected"
    b.close()   # DTR drop under AT&D2
    a.expect(b"\r\nNO CARRIER\r\n")
    last = pstn.calls()[-1]
    assert last["state"] == "released"
    assert last["released_by"] == "callee"
    # The slave opened again is DTR up again: the line answers.
    b = dte(pstn, "modemB")
    connect(a, b, "5279651")
    a.close()
    b.expect(b"\r\nNO CARRIER\r\n")
    assert pstn.calls()[-1]["released_by"] == "caller"


def test_busy_and_no_answer(pstn):
    a = dte(pstn, "modemA")
    dte(pstn, "modemC")
    d = dte(pstn, "modemD")
    a.send("ATD5550001\r")
    a.expect(b"\r\nBUSY\r\n")
    a.send("ATD555-0009\r")
    a.expect(b"\r\nNO CARRIER\r\n")
    a.send("ATS7=3D5550002\r")
    d.expect(b"\r\nRING\r\n")
    a.expect(b"\r\nNO ANSWER\r\n", timeout=6)
    calls = pstn.calls()
    assert [(c["callee"], c["cause"], c["answered"]) for c in calls] == [
        ("5550001", "busy", False),
        ("", "unallocated", False),
        ("5550002", "normal", False)]
    # Numeric result codes.
    a.send("ATV0D5550001\r")
    a.expect(b"7\r")


def test_manual_answer_and_clear_call(pstn):
    a, b = dte(pstn, "modemA"), dte(pstn, "modemB")
    b.send("ATD5551000\r")
    a.expect(b"\r\nRING\r\n")
    m = pstn.json("show modem 5551000")
    assert m["ringing"] is True and m["state"] == "idle"
    a.send("ATA\r")
    a.expect(b"\r\nCONNECT 33600\r\n")
    b.expect(b"\r\nCONNECT 33600\r\n")
    m = pstn.json("show modem 5551000")
    assert m["state"] == "online" and m["dcd"] is True
    assert m["sregs"]["S7"] == 50
    cid = pstn.calls()[-1]["id"]
    assert pstn.cli("clear call %d" % cid) == ""
    a.expect(b"\r\nNO CARRIER\r\n")
    b.expect(b"\r\nNO CARRIER\r\n")
    assert pstn.calls()[-1]["released_by"] == "operator"
    subs = pstn.json("show subscribers")["subscribers"]
    assert subs[0]["number"] == "5551000"
    assert subs[0]["dte_present"] is True


def test_line_noise(pstn):
    a, n = dte(pstn, "modemA"), dte(pstn, "modemN")
    connect(a, n, "5550003")
    data = bytes(range(256)) * 13   # 3328 octets: about one second
    a.send(data)
    got = n.read_n(len(data))
    assert len(got) == len(data)
    diff = sum(1 for x, y in zip(data, got) if x != y)
    # 26624 bits at 1e-3: about 27 flipped bits.
    assert 3 <= diff <= 80
    # A's line is clean; N's line is noisy both ways.
    assert pstn.json("show modem 5551000")["bits_flipped"] == 0
    assert pstn.json("show modem 5550003")["bits_flipped"] >= diff
    n.send(data)
    got = a.read_n(len(data))
    assert 3 <= sum(1 for x, y in zip(data, got) if x != y) <= 80


def test_hangup_on_carrier_loss(pstn):
    a, h = dte(pstn, "modemA"), dte(pstn, "modemH")
    old = os.readlink(pstn.path("modemH"))
    connect(a, h, "5550004")
    a.close()
    h.expect(b"\r\nNO CARRIER\r\n")
    pstnlib.wait_until(lambda: os.readlink(pstn.path("modemH")) != old,
                       what="a new pty at the same path")
    h.read_for(0.3)
    assert h.eof
    h.close()
    h = dte(pstn, "modemH")
    assert pstn.json("show subscribers")["subscribers"][5][
        "pty_hangups"] == 1
