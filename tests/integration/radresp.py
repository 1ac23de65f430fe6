# SPDX-License-Identifier: GPL-2.0-or-later
"""radresp: an accept-all RADIUS responder for the L2TP tests and
benchmarks (doc/testing-l2tp.md; /work/shared/reference/l2tp.md section 4.3).

RFC 2865 / RFC 2866, Python standard library only.  It answers

  - Access-Request (1) with Access-Accept (2) carrying Service-Type =
    Framed (6 = 2) and Framed-Protocol = PPP (7 = 1), or with
    Access-Reject (3) when the User-Name is on the reject list;
    with --pool, each Access-Accept also carries a Framed-IP-Address (8)
    from that pool, a different one per request, so that several sessions
    of one user get distinct addresses;
  - Accounting-Request (4) with Accounting-Response (5);

with the Response Authenticator of RFC 2865 section 3 / RFC 2866 section
3: MD5(Code | Identifier | Length | Request Authenticator | Attributes |
secret).  l2tpns checks it, and so does nasd's RADIUS client.  A request
that carries a Message-Authenticator (80, RFC 3579 section 3.2) gets one
in the reply too.  A retransmitted request (same source, Identifier and
Request Authenticator) gets the cached reply, as RFC 5080 section 2.2.2
asks, so it does not use up another pool address.

Run it as a process, inside the namespace of the client under test:

    python3 radresp.py --addr 127.0.0.1 --port 1812 --secret S \\
        [--acct-port 1813] [--reject USER]... [--pool 10.10.0.0/24] \\
        [--stats FILE]

It serves both ports from one process (Access-Requests are also answered
on the accounting port and vice versa; a client is not expected to mix
them).  One log line per request on stdout ("Access-Request id 7 user
bob from 127.0.0.1:40000 -> Access-Accept"); passwords are never printed.
SIGTERM or SIGINT: the counters are printed (and written to --stats as
JSON) and it exits 0.  It is also importable: the test uses `build`,
`parse` and `response_authenticator` to check replies.
"""

import argparse
import hashlib
import hmac
import ipaddress
import json
import select
import signal
import socket
import struct
import sys

ACCESS_REQUEST, ACCESS_ACCEPT, ACCESS_REJECT = 1, 2, 3
ACCOUNTING_REQUEST, ACCOUNTING_RESPONSE = 4, 5

ATTR_USER_NAME = 1
ATTR_SERVICE_TYPE = 6
ATTR_FRAMED_PROTOCOL = 7
ATTR_FRAMED_IP_ADDRESS = 8
ATTR_REPLY_MESSAGE = 18
ATTR_MESSAGE_AUTHENTICATOR = 80

SERVICE_TYPE_FRAMED = 2
FRAMED_PROTOCOL_PPP = 1

CODE_NAMES = {1: "Access-Request", 2: "Access-Accept", 3: "Access-Reject",
              4: "Accounting-Request", 5: "Accounting-Response"}

HEADER = struct.Struct("!BBH16s")


class BadPacket(ValueError):
    """A datagram that is not a well-formed RADIUS packet."""


def parse(data):
    """(code, identifier, authenticator, [(type, value)]) of a RADIUS
    packet, or BadPacket.  Octets past the Length field are padding and
    ignored (RFC 2865 section 3)."""
    if len(data) < HEADER.size:
        raise BadPacket("%d octets, shorter than the header" % len(data))
    code, ident, length, auth = HEADER.unpack_from(data)
    if length < HEADER.size or length > 4096 or length > len(data):
        raise BadPacket("Length %d with %d octets received"
                        % (length, len(data)))
    attrs = []
    pos = HEADER.size
    while pos < length:
        if pos + 2 > length:
            raise BadPacket("attribute header cut at octet %d" % pos)
        atype, alen = data[pos], data[pos + 1]
        if alen < 2 or pos + alen > length:
            raise BadPacket("attribute %d length %d at octet %d"
                            % (atype, alen, pos))
        attrs.append((atype, bytes(data[pos + 2:pos + alen])))
        pos += alen
    return code, ident, auth, attrs


def encode_attrs(attrs):
    out = b""
    for atype, value in attrs:
        if len(value) > 253:
            raise ValueError("attribute %d too long" % atype)
        out += struct.pack("!BB", atype, len(value) + 2) + value
    return out


def response_authenticator(code, ident, request_auth, attr_octets, secret):
    """RFC 2865 section 3: MD5(Code | ID | Length | RequestAuth |
    Attributes | Secret)."""
    length = HEADER.size + len(attr_octets)
    return hashlib.md5(struct.pack("!BBH", code, ident, length) +
                       request_auth + attr_octets + secret).digest()


def build(code, ident, request_auth, attrs, secret, message_auth=False):
    """A reply packet: Response Authenticator over the attributes; with
    message_auth, a Message-Authenticator (RFC 3579 section 3.2: HMAC-MD5
    keyed with the secret over the packet with the Request Authenticator
    in place and the attribute zeroed) is appended first."""
    attrs = list(attrs)
    if message_auth:
        attrs.append((ATTR_MESSAGE_AUTHENTICATOR, bytes(16)))
        octets = encode_attrs(attrs)
        packet = struct.pack("!BBH", code, ident,
                             HEADER.size + len(octets)) + request_auth + \
            octets
        mac = hmac.new(secret, packet, hashlib.md5).digest()
        attrs[-1] = (ATTR_MESSAGE_AUTHENTICATOR, mac)
    octets = encode_attrs(attrs)
    resp = response_authenticator(code, ident, request_auth, octets, secret)
    return HEADER.pack(code, ident, HEADER.size + len(octets), resp) + octets


class Pool:
    """Framed-IP-Address values: the host addresses of a prefix, or of an
    inclusive range A-B, handed out in turn (wrapping round)."""

    def __init__(self, spec):
        if "-" in spec:
            a, b = (ipaddress.IPv4Address(x) for x in spec.split("-", 1))
            if b < a:
                raise ValueError("pool range %s ends before it starts" % spec)
            self.first, self.count = int(a), int(b) - int(a) + 1
        else:
            net = ipaddress.IPv4Network(spec, strict=False)
            hosts = list(net.hosts()) if net.prefixlen < 31 else list(net)
            self.first, self.count = int(hosts[0]), len(hosts)
        self.next = 0

    def take(self):
        addr = ipaddress.IPv4Address(self.first + self.next)
        self.next = (self.next + 1) % self.count
        return addr


class Responder:
    def __init__(self, secret, reject=(), pool=None, out=sys.stdout):
        self.secret = secret
        self.reject = set(reject)
        self.pool = pool
        self.out = out
        self.cache = {}
        self.counters = {"access_request": 0, "access_accept": 0,
                         "access_reject": 0, "accounting_request": 0,
                         "accounting_response": 0, "retransmit": 0,
                         "bad": 0, "ignored": 0}

    def log(self, text):
        self.out.write(text + "\n")
        self.out.flush()

    def handle(self, data, peer):
        """The reply datagram for `data` from `peer`, or None."""
        try:
            code, ident, auth, attrs = parse(data)
        except BadPacket as e:
            self.counters["bad"] += 1
            self.log("bad packet from %s:%d: %s" % (peer[0], peer[1], e))
            return None
        key = (peer, ident, auth)
        if key in self.cache:
            self.counters["retransmit"] += 1
            return self.cache[key]
        user = next((v for t, v in attrs if t == ATTR_USER_NAME), b"")
        user = user.decode("utf-8", "replace")
        has_ma = any(t == ATTR_MESSAGE_AUTHENTICATOR for t, _ in attrs)
        extra = ""
        if code == ACCESS_REQUEST:
            self.counters["access_request"] += 1
            if user in self.reject:
                rcode = ACCESS_REJECT
                rattrs = [(ATTR_REPLY_MESSAGE, b"rejected by radresp")]
                self.counters["access_reject"] += 1
            else:
                rcode = ACCESS_ACCEPT
                rattrs = [(ATTR_SERVICE_TYPE,
                           struct.pack("!I", SERVICE_TYPE_FRAMED)),
                          (ATTR_FRAMED_PROTOCOL,
                           struct.pack("!I", FRAMED_PROTOCOL_PPP))]
                if self.pool:
                    addr = self.pool.take()
                    rattrs.append((ATTR_FRAMED_IP_ADDRESS, addr.packed))
                    extra = " framed-ip %s" % addr
                self.counters["access_accept"] += 1
        elif code == ACCOUNTING_REQUEST:
            self.counters["accounting_request"] += 1
            rcode, rattrs = ACCOUNTING_RESPONSE, []
            self.counters["accounting_response"] += 1
        else:
            self.counters["ignored"] += 1
            self.log("ignored code %d id %d from %s:%d"
                     % (code, ident, peer[0], peer[1]))
            return None
        reply = build(rcode, ident, auth, rattrs, self.secret,
                      message_auth=has_ma)
        # Bounded: a benchmark sends many thousands of requests.
        if len(self.cache) >= 4096:
            self.cache.clear()
        self.cache[key] = reply
        self.log("%s id %d user %s from %s:%d -> %s%s" % (
            CODE_NAMES[code], ident, user, peer[0], peer[1],
            CODE_NAMES[rcode], extra))
        return reply


def main(argv=None):
    ap = argparse.ArgumentParser(description="accept-all RADIUS responder")
    ap.add_argument("--addr", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=1812)
    ap.add_argument("--acct-port", type=int, default=None,
                    help="also serve this port (default: --port + 1; "
                    "0: none)")
    ap.add_argument("--secret", required=True)
    ap.add_argument("--reject", action="append", default=[],
                    metavar="USER", help="answer this user's "
                    "Access-Requests with Access-Reject (repeatable)")
    ap.add_argument("--pool", help="Framed-IP-Address pool: A.B.C.D/N or "
                    "A.B.C.D-E.F.G.H")
    ap.add_argument("--stats", help="write the counters here as JSON on "
                    "exit")
    args = ap.parse_args(argv)
    acct = args.port + 1 if args.acct_port is None else args.acct_port
    try:
        pool = Pool(args.pool) if args.pool else None
    except ValueError as e:
        ap.error("--pool: %s" % e)
    r = Responder(args.secret.encode(), args.reject, pool)
    socks = []
    for port in (args.port, acct):
        if port:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind((args.addr, port))
            socks.append(s)
    stop = []

    def on_signal(signum, frame):
        stop.append(signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    r.log("radresp listening on %s port %s" % (
        args.addr, " and ".join(str(s.getsockname()[1]) for s in socks)))
    while not stop:
        try:
            ready, _, _ = select.select(socks, [], [], 0.5)
        except InterruptedError:
            continue
        for s in ready:
            data, peer = s.recvfrom(4096)
            reply = r.handle(data, peer)
            if reply is not None:
                s.sendto(reply, peer)
    r.log("radresp counters: " + json.dumps(r.counters, sort_keys=True))
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(r.counters, f, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
