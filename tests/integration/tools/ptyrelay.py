#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""ptyrelay: two linked ptys, like `socat pty pty`, that can damage
traffic in transit -- the userspace stand-in for netem, which this kernel
does not have.

  ptyrelay.py --link-a PATH --link-b PATH [--corrupt FRACTION] [--seed N]

Bytes are relayed both ways.  With --corrupt, the relay cuts the stream
into async-HDLC frames at 0x7E flags and flips one bit in the body of that
fraction of frames (never in a flag), so the receiver sees a bad FCS.  A
summary ("frames N corrupted M") is printed on SIGTERM and every 100
frames.
"""

import argparse
import os
import pty
import random
import select
import signal
import sys
import termios
import tty


def make_pty(link):
    master, slave = pty.openpty()
    tty.setraw(slave)
    attrs = termios.tcgetattr(slave)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    name = os.ttyname(slave)
    try:
        os.unlink(link)
    except FileNotFoundError:
        pass
    os.symlink(name, link)
    # Keep our slave fd open so the master never sees a hangup while the
    # user reopens the device.
    return master, slave


class Framer:
    """Splits a byte stream at 0x7E and corrupts some frame bodies."""

    def __init__(self, rng, fraction):
        self.rng = rng
        self.fraction = fraction
        self.body = bytearray()
        self.frames = 0
        self.corrupted = 0

    def feed(self, data):
        out = bytearray()
        for b in data:
            if b == 0x7E:
                if self.body:
                    self.frames += 1
                    if self.rng.random() < self.fraction:
                        i = self.rng.randrange(len(self.body))
                        bit = 1 << self.rng.randrange(8)
                        # never create a flag: that would split the frame
                        # instead of damaging it
                        if self.body[i] ^ bit != 0x7E:
                            self.body[i] ^= bit
                            self.corrupted += 1
                    out += self.body
                    self.body = bytearray()
                out.append(b)
            else:
                self.body.append(b)
        return bytes(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--link-a", required=True)
    ap.add_argument("--link-b", required=True)
    ap.add_argument("--corrupt", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    ma, sa = make_pty(args.link_a)
    mb, sb = make_pty(args.link_b)
    fa = Framer(rng, args.corrupt)  # a -> b
    fb = Framer(rng, args.corrupt)  # b -> a

    def report(*_):
        print("frames %d corrupted %d" % (fa.frames + fb.frames,
                                           fa.corrupted + fb.corrupted),
              flush=True)

    def stop(*_):
        report()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    last = 0
    while True:
        r, _, _ = select.select([ma, mb], [], [])
        for fd in r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                continue
            if fd == ma:
                os.write(mb, fa.feed(data) if args.corrupt else data)
            else:
                os.write(ma, fb.feed(data) if args.corrupt else data)
        total = fa.frames + fb.frames
        if total // 100 != last:
            last = total // 100
            report()


if __name__ == "__main__":
    main()
