# SPDX-License-Identifier: GPL-2.0-or-later
"""l2tpgenlib: run bench/l2tpgen (the L2TP LAC load generator built from
nasd's own L2TP core and PPP session) and udpimpair in a namespace, and
write the nasd LNS configuration the load tests and the benchmark use.

  lns_config(users=200, pool_size=256, ...)  nasd as an LNS: vpdn-group
        with accept-dialin and virtual-template 1, a tunnel password,
        `username userN@bench` for N = 1..users, Virtual-Template1
        unnumbered to Loopback0 (LNS_ADDR) with a pool
  L2tpgen(netns, workdir, args, env=None, cpus=None)  one l2tpgen run
        (extra environment, taskset CPU list): .wait(), .result() (its
        --json), .out(), .log(); stopped by PID
  Impair(netns, workdir, listen, forward, opts)  tools/udpimpair.py
        in the namespace; .stop() returns its counters
  missing()                          a reason to skip, or None

Everything runs inside the test's own namespace on 127.0.0.1 and the
addresses of the TUN nasd creates there; nothing leaves it.
"""

import json
import os
import signal
import subprocess
import sys
import time

import nasnet

HERE = os.path.dirname(os.path.abspath(__file__))
L2TPGEN = os.path.join(nasnet.BUILD, "bench", "l2tpgen")
UDPIMPAIR = os.path.join(HERE, "tools", "udpimpair.py")

TUNNEL_SECRET = "l2tpload"
PPP_PASSWORD = "benchpw"
USER_FMT = "user%d@bench"
LNS_ADDR = "192.0.2.1"      # TEST-NET-1, exists only in the namespace
POOL_BASE = (10 << 24) | (100 << 16)  # 10.100.0.0


def missing():
    """A reason to skip a load test, or None."""
    try:
        nasnet.need_root()
    except nasnet.SetupError as e:
        return str(e)
    if not os.access(L2TPGEN, os.X_OK):
        return "%s not built (run make)" % L2TPGEN
    return None


def ip_str(n):
    return "%d.%d.%d.%d" % (n >> 24, (n >> 16) & 255, (n >> 8) & 255,
                            n & 255)


def lns_config(users=200, pool_size=256, auth="chap", rwin=None,
               hostname="LNS", debug=False, secret=TUNNEL_SECRET,
               password=PPP_PASSWORD):
    """nasd's configuration as an LNS for l2tpgen's calls."""
    lines = ["hostname %s" % hostname]
    if debug:
        lines += ["service timestamps debug datetime msec",
                  "service timestamps log datetime msec"]
    lines += ["username %s password 0 %s" % (USER_FMT % i, password)
              for i in range(1, users + 1)]
    lines += ["ip local pool bench %s %s" % (
                  ip_str(POOL_BASE + 1), ip_str(POOL_BASE + pool_size)),
              "vpdn enable",
              "vpdn-group 1",
              " accept-dialin",
              "  protocol l2tp",
              "  virtual-template 1",
              " local name %s" % hostname,
              " l2tp tunnel password %s" % secret]
    if rwin:
        lines.append(" l2tp tunnel receive-window %d" % rwin)
    lines += ["interface Loopback0",
              " ip address %s 255.255.255.255" % LNS_ADDR,
              "interface Virtual-Template1",
              " ip unnumbered Loopback0",
              " peer default ip address pool bench",
              " ppp authentication %s" % auth,
              "end"]
    return "\n".join(lines) + "\n"


def _cmd(netns, argv):
    if netns is None:
        return list(argv)
    if hasattr(netns, "cmd"):
        return netns.cmd(argv)
    return ["ip", "netns", "exec", netns] + list(argv)


class L2tpgen:
    """One l2tpgen process.  `args` are its options after the common
    ones (--json, and --secret/--password/--user unless given)."""

    def __init__(self, netns, workdir, args, name="l2tpgen",
                 secret=TUNNEL_SECRET, password=PPP_PASSWORD, env=None,
                 cpus=None):
        self.name = name
        self.json_path = os.path.join(workdir, name + ".json")
        self.ready_path = os.path.join(workdir, name + ".ready")
        self.logpath = os.path.join(workdir, name + ".log")
        self.outpath = os.path.join(workdir, name + ".out")
        for p in (self.json_path, self.ready_path):
            if os.path.exists(p):
                os.unlink(p)
        argv = [L2TPGEN, "--json", self.json_path, "--ready-file",
                self.ready_path, "--user", USER_FMT]
        if "--secret" not in args and secret:
            argv += ["--secret", secret]
        if "--password" not in args:
            argv += ["--password", password]
        self.argv = argv + list(args)
        if cpus is not None:
            # Pinned (taskset(1) execs l2tpgen: the PID stays its own).
            self.argv = ["taskset", "-c", str(cpus)] + self.argv
        self.logf = open(self.logpath, "w")
        self.outf = open(self.outpath, "w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(_cmd(netns, self.argv),
                                     stdout=self.outf, stderr=self.logf,
                                     stdin=subprocess.DEVNULL,
                                     env=dict(os.environ, **env)
                                     if env else None)

    def ready(self):
        """True once setup is over (the calls are up or have failed)."""
        if self.proc.poll() is not None and not os.path.exists(
                self.ready_path):
            raise AssertionError("%s exited %s before setup ended:\n%s"
                                 % (self.name, self.proc.returncode,
                                    self.log()[-5000:]))
        return os.path.exists(self.ready_path)

    def wait(self, timeout=120):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise AssertionError("%s still running after %ds:\n%s" % (
                self.name, timeout, self.log()[-5000:]))

    def result(self):
        with open(self.json_path) as f:
            return json.load(f)

    def stop(self):
        nasnet.terminate(self.proc, 10)
        for f in (self.logf, self.outf):
            if not f.closed:
                f.close()

    def log(self):
        with open(self.logpath, errors="replace") as f:
            return f.read()

    def out(self):
        with open(self.outpath, errors="replace") as f:
            return f.read()


class Impair:
    """tools/udpimpair.py in `netns`: listens on `listen` (A:PORT),
    forwards to `forward`; stopped by PID (SIGTERM: it writes its
    counters)."""

    def __init__(self, netns, workdir, listen, forward, opts=(),
                 source="127.0.0.1"):
        self.stats_path = os.path.join(workdir, "impair.json")
        self.logpath = os.path.join(workdir, "impair.out")
        self.logf = open(self.logpath, "w")
        argv = [sys.executable, UDPIMPAIR, "--listen", listen, "--forward",
                forward, "--source", source, "--stats", self.stats_path]
        self.proc = subprocess.Popen(_cmd(netns, argv + list(opts)),
                                     stdout=self.logf,
                                     stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        nasnet.wait_until(lambda: "listening" in self.log() or
                          self.proc.poll() is not None, timeout=10,
                          what="udpimpair to listen")
        if self.proc.poll() is not None:
            raise AssertionError("udpimpair exited:\n" + self.log())

    def log(self):
        with open(self.logpath, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.logf.close()
        try:
            with open(self.stats_path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None
