# SPDX-License-Identifier: GPL-2.0-or-later
"""The L2TP test infrastructure tested on its own, before nasd speaks
L2TP (doc/testing-l2tp.md):

  - radresp.py answers Access-Requests and Accounting-Requests with the
    RFC 2865/2866 Response Authenticator (recomputed here), rejects
    listed users, hands out distinct Framed-IP-Addresses from a pool,
    replays its reply to a retransmission, signs with a
    Message-Authenticator when asked;
  - l2tpnslib starts l2tpns in a namespace; a hand-made SCCRQ gets an
    SCCRP whose Challenge Response is MD5(2 | secret | challenge); the
    tunnel and then a session (ICRQ/ICRP/ICCN) appear in its CLI; a PPP
    session by hand (LCP, PAP, IPCP) is authenticated through radresp --
    so l2tpns accepted radresp's authenticators -- and gets an address
    from the private pool; /etc/l2tpns/ip_pool is untouched;
  - tools/udpimpair.py passes everything at zero impairment, drops,
    duplicates and reorders at the configured rates per direction,
    impairs only control messages with --control-only, releases a held
    datagram on its timer, and follows a server that answers from
    another port (L2TP port learning).

The l2tpns tests skip, with the reason, when l2tpns is not installed or
the test does not run as root; the radresp and udpimpair tests need
neither.
"""

import hashlib
import hmac
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import l2tpnslib  # noqa: E402
import radresp  # noqa: E402
from l2tpnslib import (AVP_ASSIGNED_TUNNEL_ID, AVP_CHALLENGE,  # noqa: E402
                       AVP_CHALLENGE_RESPONSE, AVP_HOST_NAME, MSG_SCCRP,
                       ControlPeer, avp)

HERE = os.path.dirname(os.path.abspath(__file__))
UDPIMPAIR = os.path.join(HERE, "tools", "udpimpair.py")
SECRET = b"l2tptunnel"
RAD_SECRET = b"radsecret"


@pytest.fixture
def wd():
    d = tempfile.mkdtemp(prefix="l2tp-infra-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


def free_udp_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ------------------------------------------------------------- radresp

@pytest.fixture
def rad(wd):
    """radresp on 127.0.0.1 (this namespace, free ports), rejecting
    "mallory", with a 3-address pool; stopped by PID."""
    port = free_udp_port()
    r = l2tpnslib.Radresp(None, wd, RAD_SECRET.decode(), port=port,
                          reject=("mallory",),
                          pool="10.66.0.1-10.66.0.3")
    r.port = port
    yield r
    r.stop()
    print("===== radresp log =====\n" + r.log())


def pap_password(password, secret, auth):
    """RFC 2865 section 5.2 User-Password hiding (one 16-octet block)."""
    p = password.ljust(16, b"\0")
    b = hashlib.md5(secret + auth).digest()
    return bytes(x ^ y for x, y in zip(p, b))


def access_request(ident, user, auth, message_auth=False):
    attrs = [(1, user), (2, pap_password(b"pw", RAD_SECRET, auth)),
             (4, socket.inet_aton("127.0.0.1")), (5, struct.pack("!I", 7))]
    if message_auth:
        attrs.append((80, bytes(16)))
    octets = radresp.encode_attrs(attrs)
    pkt = struct.pack("!BBH", 1, ident, 20 + len(octets)) + auth + octets
    if message_auth:
        mac = hmac.new(RAD_SECRET, pkt, hashlib.md5).digest()
        pkt = pkt[:-16] + mac
    return pkt


def exchange(port, pkt, timeout=5):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    s.bind(("127.0.0.1", 0))
    s.sendto(pkt, ("127.0.0.1", port))
    d, _ = s.recvfrom(4096)
    s.close()
    return d


def check_authenticator(reply, request_auth):
    """The Response Authenticator recomputed from the reply's own
    octets: MD5(Code | ID | Length | RequestAuth | Attributes | secret)."""
    code, ident, length = struct.unpack_from("!BBH", reply)
    assert length == len(reply)
    want = hashlib.md5(reply[:4] + request_auth + reply[20:length] +
                       RAD_SECRET).digest()
    assert reply[4:20] == want, "bad Response Authenticator"


def test_radresp_accepts_with_valid_authenticator(rad):
    auth = bytes(range(16))
    reply = exchange(rad.port, access_request(42, b"remote1@cisco.com",
                                              auth))
    code, ident, auth_r, attrs = radresp.parse(reply)
    assert (code, ident) == (radresp.ACCESS_ACCEPT, 42)
    check_authenticator(reply, auth)
    # and a wrong secret would not have matched: the check can fail
    assert auth_r != hashlib.md5(reply[:4] + auth + reply[20:] +
                                 b"other").digest()
    assert attrs == [(6, struct.pack("!I", 2)), (7, struct.pack("!I", 1)),
                     (8, socket.inet_aton("10.66.0.1"))]
    assert "pw" not in rad.log()
    assert "Access-Request id 42 user remote1@cisco.com" in rad.log()


def test_radresp_reject_pool_retransmit_accounting(rad):
    # Rejected user: Access-Reject, also correctly signed, no address.
    auth = os.urandom(16)
    reply = exchange(rad.port, access_request(1, b"mallory", auth))
    code, ident, _, attrs = radresp.parse(reply)
    assert (code, ident) == (radresp.ACCESS_REJECT, 1)
    check_authenticator(reply, auth)
    assert all(t != 8 for t, _ in attrs)

    # Pool: one address per request, in turn, wrapping; a retransmission
    # (same source, ID, authenticator) gets the same reply, not a new
    # address.
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(5)
    s.bind(("127.0.0.1", 0))
    got = []
    for i in range(4):
        a = os.urandom(16)
        req = access_request(10 + i, b"bob", a)
        s.sendto(req, ("127.0.0.1", rad.port))
        r1, _ = s.recvfrom(4096)
        check_authenticator(r1, a)
        got.append(socket.inet_ntoa(dict(radresp.parse(r1)[3])[8]))
        if i == 0:
            s.sendto(req, ("127.0.0.1", rad.port))
            r2, _ = s.recvfrom(4096)
            assert r2 == r1
    assert got == ["10.66.0.1", "10.66.0.2", "10.66.0.3", "10.66.0.1"]

    # Message-Authenticator in the request: one in the reply, HMAC-MD5
    # over the reply with the Request Authenticator in place.
    a = os.urandom(16)
    reply = exchange(rad.port, access_request(77, b"bob", a,
                                              message_auth=True))
    check_authenticator(reply, a)
    attrs = radresp.parse(reply)[3]
    mac = dict(attrs)[80]
    zeroed = reply[:4] + a + reply[20:].replace(mac, bytes(16))
    assert hmac.new(RAD_SECRET, zeroed, hashlib.md5).digest() == mac

    # Accounting-Request on the accounting port (port + 1): the Request
    # Authenticator is MD5 over the packet with zeros (RFC 2866 3).
    octets = radresp.encode_attrs([(40, struct.pack("!I", 1)),
                                   (44, b"sess-1")])
    hdr = struct.pack("!BBH", 4, 5, 20 + len(octets))
    acct_auth = hashlib.md5(hdr + bytes(16) + octets + RAD_SECRET).digest()
    reply = exchange(rad.port + 1, hdr + acct_auth + octets)
    code, ident, _, attrs = radresp.parse(reply)
    assert (code, ident, attrs) == (radresp.ACCOUNTING_RESPONSE, 5, [])
    check_authenticator(reply, acct_auth)

    # Garbage is logged and answered with nothing; the responder lives on.
    s.sendto(b"\x01\x02\x00\x50", ("127.0.0.1", rad.port))
    # One more request on the same socket: once it is answered the
    # garbage before it has been read (no race with stop()).
    exchange(rad.port, access_request(78, b"bob", os.urandom(16)))
    counters = rad.stop()
    assert counters["access_request"] == 7
    assert counters["access_reject"] == 1
    assert counters["retransmit"] == 1
    assert counters["accounting_response"] == 1
    assert counters["bad"] == 1


# ------------------------------------------------------------- l2tpns

@pytest.fixture
def lns_ns():
    why = l2tpnslib.missing()
    if why:
        pytest.skip(why)
    from nasnet import Netns
    ns = Netns("l2tpns-%d" % os.getpid())
    yield ns
    ns.delete()


@pytest.fixture
def lns(request, lns_ns, wd):
    yield from l2tpnslib.serve(request, lns_ns, wd, bind="10.0.0.1",
                               secret=SECRET.decode(),
                               pool="10.10.0.0/28", authtypes="pap",
                               radius_secret=RAD_SECRET.decode(),
                               hostname="refLNS")


def open_tunnel(lns, ns):
    """SCCRQ with a Challenge -> SCCRP (checked) -> SCCCN; returns the
    ControlPeer and the SCCRP."""
    sock = l2tpnslib.socket_in(ns)
    sock.bind(("10.0.0.1", 0))
    peer = ControlPeer(sock, ("10.0.0.1", 1701))
    challenge = os.urandom(16)
    peer.send(l2tpnslib.sccrq(4242, b"tester", challenge=challenge,
                              bearer_caps=1))
    rp = peer.expect(MSG_SCCRP)
    assert rp["tunnel"] == 4242           # our Assigned Tunnel ID
    assert (rp["ns"], rp["nr"]) == (0, 1)
    assert l2tpnslib.avp_value(rp, AVP_HOST_NAME) == b"refLNS"
    peer.peer_tid = struct.unpack("!H", l2tpnslib.avp_value(
        rp, AVP_ASSIGNED_TUNNEL_ID))[0]
    resp = l2tpnslib.avp_value(rp, AVP_CHALLENGE_RESPONSE)
    assert resp == l2tpnslib.challenge_response(2, SECRET, challenge)
    assert resp != l2tpnslib.challenge_response(2, b"wrong", challenge)
    cccn = avp(0, struct.pack("!H", l2tpnslib.MSG_SCCCN))
    their = l2tpnslib.avp_value(rp, AVP_CHALLENGE)
    if their is not None:
        cccn += avp(AVP_CHALLENGE_RESPONSE, l2tpnslib.challenge_response(
            3, SECRET, their))
    peer.send(cccn)
    return peer, rp


def test_l2tpns_answers_sccrq(lns, lns_ns):
    assert lns.alive()
    assert lns.tunnels() == []
    peer, rp = open_tunnel(lns, lns_ns)
    # The SCCRP carries the five mandatory AVPs (RFC 2661 6.2).
    types = [t for _, v, t, _ in rp["avps"] if v == 0]
    assert types[0] == 0
    for t in (2, 3, 7, 9):
        assert t in types, "SCCRP without AVP %d" % t
    l2tpnslib._wait(lambda: lns.tunnels(), 5, "the tunnel in show tunnels")
    [t] = lns.tunnels()
    assert t["tid"] == peer.peer_tid and t["hostname"] == "tester"
    assert t["ip"] == "10.0.0.1" and t["sessions"] == 0

    # A session: ICRQ -> ICRP -> ICCN (acked by a ZLB).
    peer.send(avp(0, struct.pack("!H", 10)) +
              avp(14, struct.pack("!H", 77)) +
              avp(15, struct.pack("!I", 1)))
    icrp = peer.expect(11)
    assert icrp["session"] == 77
    lns_sid = struct.unpack("!H", l2tpnslib.avp_value(icrp, 14))[0]
    peer.send(avp(0, struct.pack("!H", 12)) +
              avp(24, struct.pack("!I", 64000)) +
              avp(19, struct.pack("!I", 1)), session=lns_sid)
    l2tpnslib._wait(lambda: lns.sessions(), 5, "the session in show session")
    [s] = lns.sessions()
    assert s["sid"] == lns_sid and s["tid"] == peer.peer_tid

    # StopCCN: the tunnel goes.
    peer.send(avp(0, struct.pack("!H", 4)) +
              avp(9, struct.pack("!H", 4242)) +
              avp(1, struct.pack("!H", 1)))
    l2tpnslib._wait(lambda: not lns.tunnels(), 10, "the tunnel to go")
    peer.sock.close()


# A PPP peer by hand, just enough for l2tpns: accept its LCP options,
# ask for none ourselves, PAP, take the address IPCP offers.
LCP, PAP, IPCP = 0xC021, 0xC023, 0x8021


def ppp(proto, code, ident, data=b""):
    return b"\xff\x03" + struct.pack("!HBBH", proto, code, ident,
                                     4 + len(data)) + data


def test_l2tpns_ppp_session_through_radresp(lns, lns_ns):
    peer, _ = open_tunnel(lns, lns_ns)
    peer.send(avp(0, struct.pack("!H", 10)) +
              avp(14, struct.pack("!H", 5)) +
              avp(15, struct.pack("!I", 1)))
    icrp = peer.expect(11)
    sid = struct.unpack("!H", l2tpnslib.avp_value(icrp, 14))[0]
    peer.send(avp(0, struct.pack("!H", 12)) +
              avp(24, struct.pack("!I", 64000)) +
              avp(19, struct.pack("!I", 1)), session=sid)
    peer.data(sid, ppp(LCP, 1, 1))     # our Configure-Request: no options
    lcp_acked = lcp_sent_ack = pap_sent = pap_ok = False
    address = None
    deadline = time.monotonic() + 20
    while address is None and time.monotonic() < deadline:
        r = peer.recv(timeout=10)
        if r[0] != "data":
            peer.zlb()
            continue
        frame = r[2]
        if frame[:2] == b"\xff\x03":
            frame = frame[2:]
        proto, code, ident, length = struct.unpack_from("!HBBH", frame)
        body = frame[6:2 + length]
        if proto == LCP and code == 1:
            peer.data(sid, ppp(LCP, 2, ident, body))
            lcp_sent_ack = True
        elif proto == LCP and code == 2:
            lcp_acked = True
        elif proto == LCP and code == 9:              # Echo-Request
            peer.data(sid, ppp(LCP, 10, ident, b"\0\0\0\0" + body[4:]))
        elif proto == PAP and code == 2:
            pap_ok = True
            peer.data(sid, ppp(IPCP, 1, 1, b"\x03\x06\0\0\0\0"))
        elif proto == PAP and code == 3:
            raise AssertionError("PAP rejected: %r" % body)
        elif proto == IPCP and code == 1:
            peer.data(sid, ppp(IPCP, 2, ident, body))
        elif proto == IPCP and code == 3:             # Nak: its offer
            peer.data(sid, ppp(IPCP, 1, 2, body))
        elif proto == IPCP and code == 2:
            address = socket.inet_ntoa(body[2:6])
        if lcp_acked and lcp_sent_ack and not pap_sent:
            user = b"remote1@cisco.com"
            peer.data(sid, ppp(PAP, 1, 1, bytes([len(user)]) + user +
                               b"\x02pw"))
            pap_sent = True
    assert pap_ok and address, "no IPCP address in 20 s"
    assert address.startswith("10.10.0.")
    rows = l2tpnslib._wait(lambda: [s for s in lns.sessions()
                                    if s["username"] ==
                                    "remote1@cisco.com"], 5,
                           "the user in show session")
    assert rows[0]["ip"] == address and rows[0]["sid"] == sid
    # l2tpns took radresp's Access-Accept: its authenticator was right.
    assert "Access-Request id" in lns.radius.log()
    assert "user remote1@cisco.com" in lns.radius.log()
    assert "-> Access-Accept" in lns.radius.log()
    # The private pool lived only in l2tpns' mount namespace.
    with open("/etc/l2tpns/ip_pool") as f:
        assert "10.10.0.0/28" not in f.read()
    peer.sock.close()


# ------------------------------------------------------------- udpimpair

class Impair:
    """udpimpair between a client socket and an echo-less sink, both on
    127.0.0.1 in this namespace; stopped by PID."""

    def __init__(self, wd, *opts):
        self.sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sink.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 21)
        self.sink.bind(("127.0.0.1", 0))
        self.listen_port = free_udp_port()
        self.stats_path = os.path.join(wd, "impair.json")
        self.out = open(os.path.join(wd, "impair.out"), "w+")
        argv = [sys.executable, UDPIMPAIR,
                "--listen", "127.0.0.1:%d" % self.listen_port,
                "--forward", "127.0.0.1:%d" % self.sink.getsockname()[1],
                "--source", "127.0.0.1", "--stats", self.stats_path]
        self.proc = subprocess.Popen(argv + list(opts), stdout=self.out,
                                     stderr=subprocess.STDOUT)
        l2tpnslib._wait(lambda: self.output().startswith("udpimpair: "
                                                         "listening"),
                        10, "udpimpair to listen")
        self.client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 21)
        self.client.bind(("127.0.0.1", 0))
        self.proxy = ("127.0.0.1", self.listen_port)

    def output(self):
        self.out.flush()
        with open(self.out.name) as f:
            return f.read()

    def stop(self):
        """SIGTERM by PID; returns the counters it wrote."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(10)
        self.out.close()
        self.sink.close()
        self.client.close()
        with open(self.stats_path) as f:
            return json.load(f)


def drain(sock, quiet=0.3):
    """Every datagram until the socket is quiet for `quiet` s:
    [(payload, source)]."""
    got = []
    sock.settimeout(quiet)
    while True:
        try:
            got.append(sock.recvfrom(65535))
        except socket.timeout:
            return got


def send_paced(sock, dest, payloads, batch=100):
    """Bursts of `batch` with a short pause: a few thousand datagrams/s
    without overrunning a Python receiver."""
    for i, p in enumerate(payloads):
        sock.sendto(p, dest)
        if i % batch == batch - 1:
            time.sleep(0.01)


def seqs(got):
    return [struct.unpack_from("!I", p, 2)[0] for p, _ in got]


def numbered(n, first=0x80):
    return [bytes([first, 0x02]) + struct.pack("!I", i) for i in range(n)]


def test_udpimpair_zero_passes_everything(wd):
    n = 5000
    im = Impair(wd)
    try:
        t0 = time.monotonic()
        send_paced(im.client, im.proxy, numbered(n), batch=200)
        got = drain(im.sink)
        dt = time.monotonic() - t0
        assert seqs(got) == list(range(n))
        # The way back: the sink answers the proxy's upstream socket, the
        # client hears it from the proxy's listening port.
        src = got[0][1]
        send_paced(im.sink, src, numbered(n), batch=200)
        back = drain(im.client)
        assert seqs(back) == list(range(n))
        assert all(a == im.proxy for _, a in back)
    finally:
        st = im.stop()
    print("udpimpair: %d datagrams in %.2f s (%.0f/s)" % (n, dt, n / dt))
    assert st["up"]["received"] == st["up"]["sent"] == n
    assert st["down"]["received"] == st["down"]["sent"] == n
    assert st["up"]["dropped"] == st["down"]["duplicated"] == 0
    assert st["clients"] == 1


def within(value, expected, n):
    """|value - expected| within 5 standard deviations of a binomial
    count of n trials with p = expected / n (and at least 5)."""
    p = expected / n
    sd = (n * p * (1 - p)) ** 0.5
    return abs(value - expected) <= max(5, 5 * sd)


def test_udpimpair_rates_per_direction(wd):
    n = 3000
    im = Impair(wd, "--seed", "7", "--up-drop", "0.1", "--up-dup", "0.05",
                "--down-reorder", "0.1", "--reorder-ms", "1000")
    try:
        send_paced(im.client, im.proxy, numbered(n))
        got = drain(im.sink)
        up = seqs(got)
        # down: the sink answers the proxy's upstream socket
        send_paced(im.sink, got[0][1], numbered(n))
        down = seqs(drain(im.client, quiet=1.5))
    finally:
        st = im.stop()
    # up: about 10% lost, about 5% of the rest twice, order kept
    distinct = set(up)
    lost = n - len(distinct)
    dups = len(up) - len(distinct)
    assert within(lost, 0.1 * n, n), lost
    assert within(dups, 0.05 * 0.9 * n, n), dups
    assert lost == st["up"]["dropped"]
    assert dups == st["up"]["duplicated"]
    assert up == sorted(up)
    # down: nothing lost or doubled, about 10% arrive one place late
    assert sorted(down) == list(range(n))
    late = sum(1 for i in range(1, len(down)) if down[i] < down[i - 1])
    assert within(late, 0.1 * n, n), late
    # one inversion per held datagram, unless the last one was held and
    # went out on the timer with nothing after it
    assert st["down"]["reordered"] - st["down"]["released_by_timer"] \
        <= late <= st["down"]["reordered"]
    assert st["down"]["dropped"] == st["down"]["duplicated"] == 0


def test_udpimpair_control_only_and_timer(wd):
    n = 2000
    im = Impair(wd, "--seed", "3", "--control-only", "--drop", "0.5")
    try:
        payloads = []
        for i in range(n):     # alternate control (T=1) and data (T=0)
            payloads.append(bytes([0xC8 if i % 2 == 0 else 0x00, 0x02]) +
                            struct.pack("!I", i))
        send_paced(im.client, im.proxy, payloads)
        got = seqs(drain(im.sink))
    finally:
        st = im.stop()
    data = [s for s in got if s % 2]
    ctrl = [s for s in got if s % 2 == 0]
    assert data == list(range(1, n, 2))
    assert within(n // 2 - len(ctrl), 0.25 * n, n // 2)
    assert st["up"]["passed_unimpaired"] == n // 2

    # A held datagram with nothing after it goes out on the timer.
    im = Impair(wd, "--reorder", "1", "--reorder-ms", "200")
    try:
        t0 = time.monotonic()
        im.client.sendto(b"\xc8\x02\0\0\0\1", im.proxy)
        im.sink.settimeout(2)
        d, _ = im.sink.recvfrom(100)
        waited = time.monotonic() - t0
    finally:
        st = im.stop()
    assert d == b"\xc8\x02\0\0\0\1"
    assert 0.15 <= waited < 1.5, waited
    assert st["up"]["released_by_timer"] == 1


def test_udpimpair_learns_the_servers_port(wd):
    im = Impair(wd)
    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    other.bind(("127.0.0.1", 0))
    try:
        im.client.sendto(b"\xc8\x02SCCRQ", im.proxy)
        [(d, upstream)] = drain(im.sink)
        # The responder answers from another port (RFC 2661 8.1) ...
        other.sendto(b"\xc8\x02SCCRP", upstream)
        im.client.settimeout(3)
        d, src = im.client.recvfrom(100)
        assert d == b"\xc8\x02SCCRP" and src == im.proxy
        # ... and the initiator's next message goes to that port.
        im.client.sendto(b"\xc8\x02SCCCN", im.proxy)
        other.settimeout(3)
        d, src = other.recvfrom(100)
        assert d == b"\xc8\x02SCCCN" and src == upstream
        assert drain(im.sink, quiet=0.2) == []
    finally:
        other.close()
        st = im.stop()
    assert st["ports_learned"] == 1
