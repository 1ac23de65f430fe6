#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the seed corpora of the l2tp fuzzers: a real SCCRQ, ICRQ and ICCN
(with a hidden Proxy Authen Response under the fuzzers' secret), and for
fuzz_l2tp_input a whole responder exchange (SCCRQ, SCCCN, ICRQ, ICCN,
data, StopCCN) addressed to the ids the harness hands out (tunnel 1,
session 2).  Run from the repository root."""
import hashlib
import os
import struct

OUT = "tests/fuzz/corpus"
SECRET = b"l2tptunnel"


def avp(t, val, m=True, h=False):
    bits = (0x8000 if m else 0) | (0x4000 if h else 0)
    return struct.pack(">HHH", bits | (6 + len(val)), 0, t) + val


def hide(t, val, rv, secret=SECRET, pad=b"\x5a\x5a\x5a"):
    plain = struct.pack(">H", len(val)) + val + pad
    out = b""
    prev = None
    for i in range(0, len(plain), 16):
        if prev is None:
            b = hashlib.md5(struct.pack(">H", t) + secret + rv).digest()
        else:
            b = hashlib.md5(secret + prev).digest()
        c = bytes(x ^ y for x, y in zip(plain[i:i + 16], b))
        out += c
        prev = c
    return out


def u16(v):
    return struct.pack(">H", v)


def u32(v):
    return struct.pack(">I", v)


def ctl(avps, tid=0, sid=0, ns=0, nr=0):
    body = b"".join(avps)
    return struct.pack(">HHHHHH", 0xC802, 12 + len(body), tid, sid, ns,
                       nr) + body


SCCRQ = [avp(0, u16(1)), avp(2, u16(0x0100)), avp(3, u32(3)),
         avp(4, u32(1)), avp(7, b"LAC"), avp(9, u16(45029)),
         avp(10, u16(4)), avp(5, b"\1\2\3\4\5\6\7\x08", m=False)]
ICRQ = [avp(0, u16(10)), avp(14, u16(291)), avp(15, u32(1)),
        avp(18, u32(1)), avp(21, b"211"), avp(22, b"6122")]
RV = bytes(range(16))
ICCN = [avp(0, u16(12)), avp(24, u32(64000)), avp(19, u32(1)),
        avp(27, b"\x05\x06\x6b\xde\x50\xcc", m=False),
        avp(29, u16(2), m=False), avp(30, b"remote1@cisco.com", m=False),
        avp(32, u16(7), m=False), avp(36, RV),
        avp(33, hide(33, b"0123456789abcdef0123", RV), m=False, h=True)]


def write(name, fname, data):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, fname), "wb") as f:
        f.write(data)


for fname, avps in (("sccrq", SCCRQ), ("icrq", ICRQ), ("iccn", ICCN)):
    write("fuzz_l2tp_msg", fname, b"".join(avps))
    write("fuzz_l2tp_hdr", fname, ctl(avps))
write("fuzz_l2tp_hdr", "data_lso",
      bytes([0x4A, 0x02, 0, 14, 0, 1, 0, 2, 0, 5, 0, 0, 0, 0, 0xff, 0x03]))


def rec(op, data):
    return bytes([op, len(data)]) + data


# Port 4000: the harness accepts without a secret there.
SCCCN = [avp(0, u16(3))]
ICCN_PLAIN = [avp(0, u16(12)), avp(24, u32(64000)), avp(19, u32(1)),
              avp(39, b"")]
STOP = [avp(0, u16(4)), avp(1, u16(1)), avp(9, u16(45029))]
flow = (rec(1, ctl(SCCRQ)) + rec(1, ctl(SCCCN, tid=1, ns=1, nr=1)) +
        rec(1, ctl(ICRQ, tid=1, ns=2, nr=1)) +
        rec(1, ctl(ICCN_PLAIN, tid=1, sid=2, ns=3, nr=2)) +
        rec(1, bytes([0x08, 0x02, 0, 1, 0, 2, 0, 0, 0, 0, 0xff, 0x03])) +
        rec(4, b"\xff" * 10) + rec(6, b"\x00" * 5) +
        rec(1, ctl(STOP, tid=1, ns=4, nr=3)) + rec(4, b"\xff" * 255))
write("fuzz_l2tp_input", "responder_flow", flow)
write("fuzz_l2tp_input", "lac_open", rec(5, b"\x0b" * 11) + rec(4, b"x" * 20))
