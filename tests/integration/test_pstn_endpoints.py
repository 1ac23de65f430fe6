# SPDX-License-Identifier: GPL-2.0-or-later
"""build/pstn's other endpoints: a TCP subscriber driven over a socket (as
a PC emulator's serial-over-TCP modem would), and an `attach` subscriber
driven with the pstn_wire protocol (struct + SOCK_SEQPACKET) as nasd's
modem pool does, including DTR drop through SIGNALS and the refusals."""

import os
import socket
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pstnlib  # noqa: E402
from pstnlib import AttachDte, Dte, PtyDte, Pstn  # noqa: E402


class TcpDte(Dte):
    def __init__(self, port):
        super().__init__()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.sock.setblocking(False)

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data)

    def _fill(self, timeout):
        import select
        r, _, _ = select.select([self.sock], [], [], timeout)
        if r:
            d = self.sock.recv(4096)
            if not d:
                time.sleep(timeout)
            self.buf += d

    def close(self):
        self.sock.close()


@pytest.fixture
def pstn():
    why = pstnlib.missing()
    if why:
        pytest.skip(why)
    port = pstnlib.free_port()
    p = Pstn("""\
subscriber 5551000
 endpoint pty @DIR@/modemA
 answer auto 1
subscriber 5552000
 endpoint tcp %d
subscriber 4084327528
 endpoint attach
 answer auto 2
 speed 28800
""" % port)
    p.tcp_port = port
    yield p
    p.stop()
    print("===== pstn log =====\n" + p.log()[-20000:])
    p.cleanup()


def test_tcp_subscriber(pstn):
    a = PtyDte(pstn.path("modemA"))
    a.send("ATE0\r")   # the pstn has seen the slave open (DTR up)
    a.expect(b"OK\r\n")
    t = TcpDte(pstn.tcp_port)
    t.send("AT\r")
    t.expect(b"AT\r\r\nOK\r\n")
    pstnlib.wait_until(lambda: pstn.json("show subscribers")[
        "subscribers"][1]["dte_present"], what="tcp DTE")
    # A second connection is refused while the first is the DTE.
    s2 = socket.create_connection(("127.0.0.1", pstn.tcp_port), timeout=5)
    assert s2.recv(10) == b""
    s2.close()
    t.send("ATE0D5551000\r")
    a.expect(b"\r\nRING\r\n")
    t.expect(b"\r\nCONNECT 33600\r\n")
    a.expect(b"\r\nCONNECT 33600\r\n")
    t.send("from tcp")
    a.expect(b"from tcp")
    a.send("from pty")
    t.expect(b"from pty")
    t.close()   # the socket closing is DTR drop
    a.expect(b"\r\nNO CARRIER\r\n")
    assert pstn.calls()[-1]["released_by"] == "caller"


def test_attach_subscriber(pstn):
    a = PtyDte(pstn.path("modemA"))
    a.send("ATE0\r")
    a.expect(b"OK\r\n")
    c = AttachDte(pstn.attach)
    c.attach("4327528")   # 7 digits reach the 10-digit subscriber
    c.wait_signals(lambda s: s & pstnlib.SIG_DSR and s & pstnlib.SIG_CTS)
    assert c.attached.startswith("line 4084327528 modem 28800")
    assert not c.signals & pstnlib.SIG_DCD
    # Another client for the same line, and one for a pty line: ERROR.
    for number in ("4084327528", "5551000", "999"):
        x = AttachDte(pstn.attach)
        x.attach(number)
        pstnlib.wait_until(lambda: (x._fill(0.1), x.errors)[1],
                           what="ERROR for %s" % number)
        x.close()
    # The pty line calls the attached one; it rings twice (RI) and
    # auto-answers on the second ring (answer auto 2).
    a.send("ATD4327528\r")
    c.expect(b"\r\nRING\r\n")
    assert c.signals & pstnlib.SIG_RI
    c.expect(b"\r\nRING\r\n", timeout=8)
    c.expect(b"\r\nCONNECT 28800\r\n")
    a.expect(b"\r\nCONNECT 28800\r\n")
    c.wait_signals(lambda s: s & pstnlib.SIG_DCD)
    c.send("over the wire")
    a.expect(b"over the wire")
    a.send("and back")
    c.expect(b"and back")
    # DTR drop through SIGNALS hangs up (AT&D2).
    c.set_signals(pstnlib.SIG_RTS)
    a.expect(b"\r\nNO CARRIER\r\n")
    c.wait_signals(lambda s: not s & pstnlib.SIG_DCD)
    last = pstn.calls()[-1]
    assert last["callee"] == "4084327528"
    assert last["speed"] == 28800
    assert last["released_by"] == "callee"
    assert last["octets_callee_to_caller"] == len("over the wire")
    # DTR up again: the attached DTE dials out itself.
    c.set_signals(pstnlib.SIG_DTR | pstnlib.SIG_RTS)
    c.send("ATDT5551000\r")
    a.expect(b"\r\nRING\r\n")
    c.expect(b"CONNECT 28800\r\n")
    c.close()   # closing the connection drops DTR too
    a.expect(b"\r\nNO CARRIER\r\n")


def test_attach_protocol_errors(pstn):
    c = AttachDte(pstn.attach)
    c.put(pstnlib.MSG_DATA, b"AT\r")    # DATA before ATTACH
    pstnlib.wait_until(lambda: (c._fill(0.1), c.errors)[1],
                       what="ERROR")
    assert c.errors == ["ATTACH expected"]
    c.close()
    c = AttachDte(pstn.attach)
    c.attach("4084327528", role=3)       # pri-t1 to an analog line
    pstnlib.wait_until(lambda: (c._fill(0.1), c.errors)[1],
                       what="ERROR")
    assert c.errors == ["no such ISDN subscriber"]
    c.close()
    c = AttachDte(pstn.attach)
    c.sock.send(b"\x63\x00")             # unknown type
    pstnlib.wait_until(lambda: (c._fill(0.1), c.errors)[1],
                       what="ERROR")
    c.close()
    # The pstn is still fine.
    assert "4084327528" in pstn.cli("show subscribers")
