#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# mkcorpus.py - write the seed corpus of fuzz_chat into
# tests/fuzz/corpus/fuzz_chat/: the chat scripts of seeds 001 and 003 with
# the modem conversations they meet (see fuzz_chat.c for the input format:
# script, NUL, number selector, operations).
import os
import sys

OFFHOOK = b'"" "ATH1" OK'
CALLBACK = b'ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" TIMEOUT 60 CONNECT \\c'
CALLBACK30 = CALLBACK.replace(b"TIMEOUT 60", b"TIMEOUT 30")
ARA = (b'ABORT ERROR ABORT BUSY "" "ATZ" OK "ATS180=0" OK "ATS181=1" OK '
       b'"ATDT \\T" TIMEOUT 60 CONNECT \\c')
# Seed 003 as printed, typographic quotes included: a compile error.
ARA_TYPO = ('chat ABORT ERROR ABORT BUSY \u201c\u201c \u201cATZ\u201d OK '
            '\u201cATDT \\T\u201d TIMEOUT 30 CONNECT \\c').encode()
PAUSES = b'ABORT "NO CARRIER" "" "AT\\dZ\\p\\K" OK "ATDT\\T\\c" CONNECT ""'
LOGIN = b'TIMEOUT 10 ogin: user ssword: "my secret" "\\r\\n$" "\\s\\t\\N\\q"'


def tick(ms10):
    return bytes([0, ms10])        # op 0: advance ms10 x 10 ms


def secs(s):
    return bytes([1, s])           # op 1: advance s seconds


def feed(data):
    out = b""
    while data:
        chunk, data = data[:64], data[64:]
        out += bytes([2 | ((len(chunk) - 1) << 2)]) + chunk
    return out


def conversation(*parts):
    return b"".join(parts)


CASES = {
    "offhook_ok": (OFFHOOK, 0, conversation(tick(0), tick(4),
                                            feed(b"ATH1\r\r\nOK\r\n"))),
    "callback_connect": (CALLBACK, 0, conversation(
        tick(0), feed(b"ATZ\r\r\nOK\r\n"), secs(31),
        feed(b"ATDT 527-9651\r\r\nCONNECT 33600\r\n"))),
    "callback_busy": (CALLBACK, 0, conversation(
        tick(0), feed(b"\r\nOK\r\n"), secs(4), feed(b"\r\nBUSY\r\n"))),
    "callback_timeout": (CALLBACK30, 0, conversation(
        tick(0), feed(b"\r\nOK\r\n"), secs(45), feed(b"\r\nNO ANSWER\r\n"))),
    "callback_nonumber": (CALLBACK, 1, conversation(tick(0))),
    "callback_crnumber": (CALLBACK, 3, conversation(tick(0))),
    "ara": (ARA, 4, conversation(
        tick(0), feed(b"OK\r\n"), tick(1), feed(b"OK\r\n"), tick(1),
        feed(b"OK\r\n"), secs(20), feed(b"CONNECT 14400/ARQ\r\n"))),
    "pauses": (PAUSES, 0, conversation(
        tick(0), tick(100), feed(b"OK"), tick(200), feed(b"NO CARR"),
        feed(b"IER"))),
    "login": (LOGIN, 0, conversation(
        tick(0), feed(b"login:"), feed(b"Password:"), feed(b"\r\n$ "))),
    "cancel": (CALLBACK, 0, conversation(tick(0), bytes([3]), secs(100))),
}

TEXT_ONLY = {
    "ara_typographic": ARA_TYPO,
    "glued_timeout": b'ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" '
                     b'TIMEOUT60 CONNECT \\c',
    "unterminated": b'"" "ATZ',
    "keyword_in_send": b'OK ABORT BUSY',
}


def main():
    root = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(root, "..", "corpus", "fuzz_chat")
    if len(sys.argv) > 1:
        out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, (script, number, ops) in CASES.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(script + b"\0" + bytes([number]) + ops)
    for name, script in TEXT_ONLY.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(script)


if __name__ == "__main__":
    main()
