#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# mkcorpus.py - write the seed corpora of fuzz_hdlc and fuzz_ppp_hdr into
# tests/fuzz/corpus/.  The FCS and escaping here are a bit-by-bit
# reimplementation of RFC 1662 §4.2 and appendix C, independent of src/hdlc.
# fuzz_hdlc input: mode octet (bit 0 FCS-32, bits 1-2 limit index), ACCM
# (4 octets, big-endian), chunk size, then the line byte stream.
import os
import sys

SEED_CONFREQ = bytes.fromhex(
    "FF03C021010300170206000A00000506004A4A09070208020D0306")
TERMREQ = bytes.fromhex("FF03C021057E0004")
ECHOREQ = bytes.fromhex("FF03C0210911000813000000")
IP_ACFC_PFC = bytes.fromhex("2145000014000040004001")


def fcs16(data):
    v = 0xFFFF
    for b in data:
        v ^= b
        for _ in range(8):
            v = (v >> 1) ^ 0x8408 if v & 1 else v >> 1
    return v


def fcs32(data):
    v = 0xFFFFFFFF
    for b in data:
        v ^= b
        for _ in range(8):
            v = (v >> 1) ^ 0xEDB88320 if v & 1 else v >> 1
    return v


def encode(frame, accm, f32, opening=True):
    if f32:
        v = fcs32(frame) ^ 0xFFFFFFFF
        tail = v.to_bytes(4, "little")
    else:
        v = fcs16(frame) ^ 0xFFFF
        tail = v.to_bytes(2, "little")
    out = bytearray([0x7E] if opening else [])
    for b in frame + tail:
        if b in (0x7E, 0x7D) or (b < 0x20 and (accm >> b) & 1):
            out += bytes([0x7D, b ^ 0x20])
        else:
            out.append(b)
    out.append(0x7E)
    return bytes(out)


def hdr(f32, limit_idx, accm, chunk):
    return bytes([(limit_idx << 1) | f32]) + accm.to_bytes(4, "big") + \
        bytes([chunk])


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "corpus")
    seeds = {
        "fuzz_hdlc": {
            "seed001_confreq": hdr(0, 0, 0xFFFFFFFF, 1) +
            encode(SEED_CONFREQ, 0xFFFFFFFF, 0),
            "fcs32_shared_flag": hdr(1, 2, 0x000A0000, 7) +
            encode(ECHOREQ, 0x000A0000, 1) +
            encode(TERMREQ, 0x000A0000, 1, opening=False) +
            encode(IP_ACFC_PFC, 0x000A0000, 1, opening=False),
            "abort_giant_resync": hdr(0, 1, 0, 3) +
            b"\x7e\xff\x03\xc0\x21\x7d\x7e" + b"\x55" * 40 +
            encode(TERMREQ, 0, 0),
            "dce_xon": hdr(0, 0, 0x000A0000, 2) +
            bytes(b for x in encode(ECHOREQ, 0x000A0000, 0)
                  for b in (x, 0x11)),
            "modem_noise": hdr(0, 3, 0xFFFFFFFF, 255) +
            b"\r\nCONNECT 33600/ARQ\r\n" + encode(SEED_CONFREQ,
                                                 0xFFFFFFFF, 0) +
            b"\x7e\x7e\x7e\x41\x01\x42\x7e",
        },
        "fuzz_ppp_hdr": {
            "full_lcp": SEED_CONFREQ,
            "acfc_lcp": SEED_CONFREQ[2:],
            "pfc_ip": bytes.fromhex("FF032145"),
            "acfc_pfc_ip": IP_ACFC_PFC,
            "bad_control": bytes.fromhex("FF05C021"),
            "even_lsb": bytes.fromhex("C02001"),
        },
    }
    for target, files in seeds.items():
        d = os.path.join(root, target)
        os.makedirs(d, exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
