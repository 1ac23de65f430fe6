#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""udpimpair: a userspace UDP impairment proxy -- the stand-in for netem,
which this kernel does not have -- for L2TP (RFC 2661 section 5.8
reliable delivery) tests: drop, duplicate and reorder datagrams with a
seeded PRNG, per direction.

  udpimpair.py --listen A:PORT --forward B:PORT [--source ADDR]
               [--keep-port] [--seed N] [--control-only]
               [--drop P] [--dup P] [--reorder P] [--reorder-ms MS]
               [--up-drop P] [--up-dup P] [--up-reorder P]
               [--down-drop P] [--down-dup P] [--down-reorder P]
               [--stats FILE]

"up" is client -> server (datagrams that arrive on --listen and go to
--forward), "down" is server -> client.  --drop/--dup/--reorder set both
directions; the --up-* and --down-* options override one direction.

Flows.  Each client (source address and port seen on --listen) gets its
own upstream socket (on --source, an ephemeral port, or with --keep-port
the client's own source port when it is free), so the server sees one
source port per client, as it would without the proxy.  Server replies
arriving on that socket go back to the client from the --listen socket.
L2TP port learning (RFC 2661 section 8.1: the responder may answer from
another port, and the initiator must then use it): when a reply for a
client comes from the server's address but another port, later datagrams
of that client go to that port.  The initiator must be on the --listen
side; a datagram the server sends first to an address of its own choosing
does not cross the proxy.

Impairments, decided per datagram in this order by the direction's PRNG
(random.Random(seed) up, random.Random(seed + 1) down, so a run is
reproducible and one direction's traffic does not shift the other's):
  drop      the datagram is discarded;
  reorder   the datagram is held and sent right after the next datagram
            of the same direction, or after --reorder-ms (default 50) if
            none comes; at most one is held per direction;
  dup       the datagram is sent twice.
With --control-only only L2TP control messages (T bit: first octet & 0x80)
are impaired; data messages pass untouched.  Otherwise every datagram is.

Counters per direction (received, sent, dropped, duplicated, reordered,
released_by_timer, passed_unimpaired) are printed as one JSON line and
written to --stats on SIGTERM/SIGINT (then it exits 0); SIGUSR1 writes
--stats without stopping.  Once its sockets are bound it prints
"udpimpair: listening on A:PORT forwarding to B:PORT" on stdout.
"""

import argparse
import errno
import json
import os
import random
import select
import signal
import socket
import sys
import time

UP, DOWN = "up", "down"


def hostport(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError("expected ADDR:PORT, got %r" % text)
    return host, int(port)


def probability(text):
    v = float(text)
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError("probability %s not in [0, 1]" % text)
    return v


class Direction:
    """The impairment state of one direction: its PRNG, its counters and
    the datagram it holds back for reordering."""

    def __init__(self, name, seed, drop, dup, reorder, reorder_ms,
                 control_only):
        self.name = name
        self.rng = random.Random(seed)
        self.drop, self.dup, self.reorder = drop, dup, reorder
        self.reorder_s = reorder_ms / 1000.0
        self.control_only = control_only
        self.held = None        # (sock, data, dest, deadline)
        self.counters = {"received": 0, "sent": 0, "dropped": 0,
                         "duplicated": 0, "reordered": 0,
                         "released_by_timer": 0, "passed_unimpaired": 0,
                         "send_errors": 0}

    def _send(self, sock, data, dest):
        try:
            sock.sendto(data, dest)
            self.counters["sent"] += 1
        except OSError:
            # A full socket buffer or an unreachable peer: the datagram is
            # lost, as on a wire; the proxy goes on.
            self.counters["send_errors"] += 1

    def _release(self):
        sock, data, dest, _ = self.held
        self.held = None
        self._send(sock, data, dest)

    def handle(self, sock, data, dest):
        """Impair and forward one datagram through `sock` to `dest`."""
        c = self.counters
        c["received"] += 1
        if self.control_only and not (data and data[0] & 0x80):
            c["passed_unimpaired"] += 1
            self._send(sock, data, dest)
            return
        # Draw all three every time so that a run's decisions depend only
        # on the seed and the datagram's position, whatever is configured.
        r_drop, r_reorder, r_dup = (self.rng.random(), self.rng.random(),
                                    self.rng.random())
        if r_drop < self.drop:
            c["dropped"] += 1
            return
        if r_reorder < self.reorder and self.held is None:
            c["reordered"] += 1
            self.held = (sock, data, dest,
                         time.monotonic() + self.reorder_s)
            return
        self._send(sock, data, dest)
        if r_dup < self.dup:
            c["duplicated"] += 1
            self._send(sock, data, dest)
        if self.held is not None:
            self._release()

    def deadline(self):
        return self.held[3] if self.held else None

    def expire(self, now):
        if self.held and self.held[3] <= now:
            self.counters["released_by_timer"] += 1
            self._release()


class Proxy:
    def __init__(self, args):
        self.args = args
        self.listen = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.listen.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._bufs(self.listen)
        self.listen.bind(args.listen)
        self.server = args.forward
        self.source = args.source
        self.clients = {}       # client addr -> upstream socket
        self.upstream = {}      # upstream fd -> [client addr, socket, dest]

        def pick(opt):
            v = getattr(args, "up_" + opt)
            return v if v is not None else getattr(args, opt)

        def pick_down(opt):
            v = getattr(args, "down_" + opt)
            return v if v is not None else getattr(args, opt)
        self.dir = {
            UP: Direction(UP, args.seed, pick("drop"), pick("dup"),
                          pick("reorder"), args.reorder_ms,
                          args.control_only),
            DOWN: Direction(DOWN, args.seed + 1, pick_down("drop"),
                            pick_down("dup"), pick_down("reorder"),
                            args.reorder_ms, args.control_only),
        }
        self.flows_learned = 0

    @staticmethod
    def _bufs(sock):
        # Bursts of a few thousand datagrams/s must not overflow the
        # kernel's default buffers while Python catches up.
        for opt in (socket.SO_RCVBUF, socket.SO_SNDBUF):
            try:
                sock.setsockopt(socket.SOL_SOCKET, opt, 1 << 21)
            except OSError:
                pass

    def _upstream_for(self, client):
        s = self.clients.get(client)
        if s is not None:
            return s
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._bufs(s)
        bound = False
        if self.args.keep_port:
            try:
                s.bind((self.source, client[1]))
                bound = True
            except OSError as e:
                if e.errno != errno.EADDRINUSE:
                    raise
        if not bound:
            s.bind((self.source, 0))
        s.setblocking(False)
        self.clients[client] = s
        self.upstream[s.fileno()] = [client, s, self.server]
        return s

    def stats(self):
        return {"up": self.dir[UP].counters, "down": self.dir[DOWN].counters,
                "clients": len(self.clients),
                "ports_learned": self.flows_learned}

    def write_stats(self):
        if self.args.stats:
            tmp = self.args.stats + ".tmp"
            with open(tmp, "w") as f:
                json.dump(self.stats(), f, sort_keys=True)
            os.replace(tmp, self.args.stats)

    def _drain_listen(self):
        # Read a batch per wake-up: one select() per datagram is what
        # limits a Python relay.
        for _ in range(64):
            try:
                data, client = self.listen.recvfrom(65535)
            except BlockingIOError:
                return
            up = self._upstream_for(client)
            self.dir[UP].handle(up, data, self.upstream[up.fileno()][2])

    def _drain_upstream(self, flow):
        client, sock, dest = flow
        for _ in range(64):
            try:
                data, peer = sock.recvfrom(65535)
            except BlockingIOError:
                return
            except OSError:
                # ICMP port unreachable from an earlier send: not data.
                continue
            if peer[0] == dest[0] and peer[1] != dest[1]:
                flow[2] = peer
                dest = peer
                self.flows_learned += 1
            self.dir[DOWN].handle(self.listen, data, client)

    def run(self, stop, dump):
        self.listen.setblocking(False)
        print("udpimpair: listening on %s:%d forwarding to %s:%d" % (
            self.args.listen + self.args.forward), flush=True)
        while not stop:
            deadlines = [d for d in (self.dir[UP].deadline(),
                                     self.dir[DOWN].deadline()) if d]
            timeout = 0.5
            if deadlines:
                timeout = max(0.0, min(deadlines) - time.monotonic())
            socks = [self.listen] + [f[1] for f in self.upstream.values()]
            try:
                ready, _, _ = select.select(socks, [], [], timeout)
            except InterruptedError:
                continue
            for s in ready:
                if s is self.listen:
                    self._drain_listen()
                else:
                    self._drain_upstream(self.upstream[s.fileno()])
            now = time.monotonic()
            for d in self.dir.values():
                d.expire(now)
            if dump:
                dump.clear()
                self.write_stats()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--listen", type=hostport, required=True)
    ap.add_argument("--forward", type=hostport, required=True)
    ap.add_argument("--source", default="0.0.0.0",
                    help="address of the upstream sockets")
    ap.add_argument("--keep-port", action="store_true",
                    help="bind each upstream socket to its client's port")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--control-only", action="store_true",
                    help="impair only L2TP control messages (T bit)")
    for opt in ("drop", "dup", "reorder"):
        ap.add_argument("--" + opt, type=probability, default=0.0)
        ap.add_argument("--up-" + opt, type=probability, default=None)
        ap.add_argument("--down-" + opt, type=probability, default=None)
    ap.add_argument("--reorder-ms", type=float, default=50.0)
    ap.add_argument("--stats", help="JSON counters file")
    args = ap.parse_args(argv)

    stop, dump = [], []
    signal.signal(signal.SIGTERM, lambda s, f: stop.append(s))
    signal.signal(signal.SIGINT, lambda s, f: stop.append(s))
    signal.signal(signal.SIGUSR1, lambda s, f: dump.append(s))
    proxy = Proxy(args)
    proxy.run(stop, dump)
    # Whatever is still held goes out: the proxy is ending, not the link.
    for d in proxy.dir.values():
        if d.held:
            d._release()
    print(json.dumps(proxy.stats(), sort_keys=True), flush=True)
    proxy.write_stats()
    return 0


if __name__ == "__main__":
    sys.exit(main())
