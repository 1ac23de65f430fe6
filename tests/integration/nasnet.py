# SPDX-License-Identifier: GPL-2.0-or-later
"""nasnet: run whole nasd processes in network namespaces for tests and
the demo.

Everything a test starts is stopped by PID when the test ends (namespaces
deleted, processes killed), and every nasd's stderr is kept in a log file
that is printed when a test fails.  Traffic stays inside the namespaces the
test creates.

Pieces:
  Netns        a network namespace with lo up
  PtyPair      two linked ptys: socat, or tools/ptyrelay.py when frames
               must be corrupted in transit (netem does not exist here)
  Nasd         one nasd process: config, CLI through build/nas, JSON
               show output, bounded polling, clean stop
  Nasdial      one nasdial process (the dial-up client): its JSON status
               file, its log, clean stop
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
BUILD = os.environ.get("NASD_BUILD", os.path.join(ROOT, "build"))
NASD = os.path.join(BUILD, "nasd")
NAS = os.path.join(BUILD, "nas")
NASDIAL = os.path.join(BUILD, "nasdial")
TOOLS = os.path.join(ROOT, "tests", "integration", "tools")


def terminate(proc, timeout=10):
    """SIGTERM proc (by PID) and wait; SIGKILL after `timeout` seconds.
    Returns the exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def sanitizer_report(log):
    """The AddressSanitizer/UBSan/LeakSanitizer report in a process's log,
    or "" when none fired."""
    for mark in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                 "runtime error:"):
        i = log.find(mark)
        if i >= 0:
            return log[max(0, i - 200):i + 3000]
    return ""


class SetupError(Exception):
    """Something the test needs is missing (a reason to skip)."""


def need_root():
    if os.geteuid() != 0:
        raise SetupError("needs root (network namespaces, TUN)")
    if not os.path.exists("/dev/net/tun"):
        raise SetupError("/dev/net/tun is missing")
    for b in (NASD, NAS):
        if not os.access(b, os.X_OK):
            raise SetupError("%s not built (run make)" % b)


def wait_until(pred, timeout=20.0, interval=0.1, what="condition"):
    """Poll pred() until it returns a truthy value; return that value or
    raise AssertionError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_exc = None
    while time.monotonic() < deadline:
        try:
            v = pred()
            if v:
                return v
        except Exception as e:  # noqa: BLE001 - retried until deadline
            last_exc = e
        time.sleep(interval)
    raise AssertionError("timed out after %.0fs waiting for %s%s" % (
        timeout, what, " (last error: %s)" % last_exc if last_exc else ""))


class Netns:
    def __init__(self, name):
        self.name = name
        subprocess.run(["ip", "netns", "del", name], capture_output=True)
        subprocess.run(["ip", "netns", "add", name], check=True)
        self.run(["ip", "link", "set", "lo", "up"], check=True)

    def cmd(self, argv):
        return ["ip", "netns", "exec", self.name] + list(argv)

    def run(self, argv, **kw):
        kw.setdefault("capture_output", True)
        kw.setdefault("text", True)
        return subprocess.run(self.cmd(argv), **kw)

    def ping(self, addr, count=3, timeout=2):
        return self.run(["ping", "-n", "-c", str(count), "-W",
                         str(timeout), "-i", "0.2", addr])

    def delete(self):
        subprocess.run(["ip", "netns", "del", self.name],
                       capture_output=True)


class PtyPair:
    """Two ptys whose traffic is relayed to each other.  With corrupt=0 it
    is socat, as the issue describes; with corrupt > 0 the relay flips a
    bit in that fraction of HDLC frames (between 0x7E flags)."""

    def __init__(self, workdir, corrupt=0.0, seed=1):
        self.a = os.path.join(workdir, "ttyA")
        self.b = os.path.join(workdir, "ttyB")
        self.log = os.path.join(workdir, "relay.log")
        if corrupt > 0:
            argv = [sys.executable, os.path.join(TOOLS, "ptyrelay.py"),
                    "--link-a", self.a, "--link-b", self.b,
                    "--corrupt", str(corrupt), "--seed", str(seed)]
        else:
            argv = ["socat", "-d", "-d",
                    "pty,raw,echo=0,link=%s" % self.a,
                    "pty,raw,echo=0,link=%s" % self.b]
        self.logf = open(self.log, "w")
        self.proc = subprocess.Popen(argv, stdout=self.logf,
                                     stderr=subprocess.STDOUT)
        wait_until(lambda: os.path.exists(self.a) and
                   os.path.exists(self.b), timeout=10,
                   what="pty pair links")

    def stats(self):
        with open(self.log) as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.logf.close()


class Nasd:
    DEBUGS = ("ppp negotiation", "ppp authentication")

    def __init__(self, name, netns, workdir, config, pcap=False,
                 tun=None, debugs=DEBUGS):
        self.name = name
        self.netns = netns
        self.dir = workdir
        self.cfg = os.path.join(workdir, name + ".cfg")
        self.sock = os.path.join(workdir, name + ".vty")
        self.logpath = os.path.join(workdir, name + ".log")
        self.pcap = os.path.join(workdir, name + ".pcap") if pcap else None
        with open(self.cfg, "w") as f:
            f.write(config)
        argv = [NASD, "-f", self.cfg, "--vty", self.sock]
        if self.pcap:
            argv += ["--pcap", self.pcap]
        if tun:
            argv += ["--tun", tun]
        for d in debugs:
            argv += ["--debug", d]
        self.logf = open(self.logpath, "w")
        self.proc = subprocess.Popen(netns.cmd(argv) if netns else argv,
                                     stdout=self.logf,
                                     stderr=subprocess.STDOUT)
        wait_until(lambda: self._ready(), timeout=10,
                   what="%s CLI socket" % name)

    def _ready(self):
        if self.proc.poll() is not None:
            raise AssertionError("%s exited with %s:\n%s" % (
                self.name, self.proc.returncode, self.log()))
        return os.path.exists(self.sock)

    def log(self):
        # nasd writes straight into the file; read it back from disk.
        with open(self.logpath, errors="replace") as f:
            return f.read()

    def cli(self, *cmds, check=True):
        argv = [NAS, "-s", self.sock]
        for c in cmds:
            argv += ["-c", c]
        r = subprocess.run(argv, capture_output=True, text=True,
                           timeout=20)
        if check and r.returncode != 0:
            raise AssertionError("nas %r failed (%d): %s%s" % (
                cmds, r.returncode, r.stdout, r.stderr))
        return r.stdout

    def json(self, cmd):
        return json.loads(self.cli(cmd + " json"))

    def interface(self, ifname):
        for i in self.json("show interfaces")["interfaces"]:
            if i["name"] == ifname:
                return i
        raise AssertionError("%s: no interface %s" % (self.name, ifname))

    def alive(self):
        return self.proc.poll() is None

    def sanitizer_report(self):
        """The AddressSanitizer/UBSan/LeakSanitizer report in the log, if
        nasd was built with sanitizers and one fired; "" otherwise."""
        return sanitizer_report(self.log())

    def stop(self, timeout=10):
        """SIGTERM and wait; returns the exit code."""
        rc = terminate(self.proc, timeout)
        self.logf.close()
        return rc


class Nasdial:
    """One nasdial process in a namespace; stopped by PID."""

    def __init__(self, netns, workdir, args, name="nasdial", stdin=None):
        self.name = name
        self.status_path = os.path.join(workdir, name + ".json")
        self.logpath = os.path.join(workdir, name + ".log")
        self.outpath = os.path.join(workdir, name + ".out")
        argv = [NASDIAL, "--status", self.status_path] + list(args)
        self.logf = open(self.logpath, "w")
        self.outf = open(self.outpath, "w")
        self.proc = subprocess.Popen(netns.cmd(argv), stdin=stdin,
                                     stdout=self.outf, stderr=self.logf)

    def status(self):
        try:
            with open(self.status_path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait_state(self, state, timeout=30):
        def ok():
            if self.proc.poll() is not None:
                raise AssertionError("%s exited %s:\n%s" % (
                    self.name, self.proc.returncode, self.log()))
            s = self.status()
            return s if s and s["state"] == state else None
        return wait_until(ok, timeout=timeout,
                          what="%s state %s" % (self.name, state))

    def wait_exit(self, timeout=60):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError("%s still running:\n%s" % (
                self.name, self.log()))

    def stop(self, timeout=10):
        return terminate(self.proc, timeout)

    def close(self):
        self.stop()
        self.logf.close()
        self.outf.close()

    def log(self):
        with open(self.logpath, errors="replace") as f:
            return f.read()

    def out(self):
        with open(self.outpath, errors="replace") as f:
            return f.read()

    def sanitizer_report(self):
        return sanitizer_report(self.log())



def workdir(prefix="nasd-test-"):
    return tempfile.mkdtemp(prefix=prefix)


def link_configs(auth="chap", server_secret="s3cret",
                 client_secret="s3cret", max_bad_auth=None, pty_a="",
                 pty_b="", debug=True):
    """The two-node serial scenario: nasA authenticates nasB ("bob") and
    gives it an address from a pool; nasB takes it (`ip address
    negotiated`)."""
    dbg = ("service timestamps debug datetime msec\n"
           "service timestamps log datetime msec\n") if debug else ""
    server = (
        "hostname nasA\n"
        + dbg +
        "username bob password 0 %s\n"
        "ip local pool dialin 10.0.0.2 10.0.0.10\n"
        "ip name-server 10.0.0.53\n"
        "interface Loopback0\n"
        " ip address 10.0.0.1 255.255.255.255\n"
        "interface Async1\n"
        " ip unnumbered Loopback0\n"
        " encapsulation ppp\n"
        " async mode dedicated\n"
        " peer default ip address pool dialin\n"
        " ppp authentication %s\n"
        "%s"
        "line 1\n"
        " speed 115200\n"
        " device %s\n"
        "end\n") % (server_secret, auth,
                    " ppp max-bad-auth %d\n" % max_bad_auth
                    if max_bad_auth is not None else "", pty_a)
    creds = (" ppp chap hostname bob\n ppp chap password 0 %s\n"
             % client_secret if auth == "chap" else
             " ppp pap sent-username bob password 0 %s\n" % client_secret)
    client = (
        "hostname bob\n"
        + dbg +
        "interface Async1\n"
        " ip address negotiated\n"
        " encapsulation ppp\n"
        " async mode dedicated\n"
        + creds +
        "line 1\n"
        " speed 115200\n"
        " device %s\n"
        "end\n") % pty_b
    return server, client


def lcp_ipcp_open(nasd, ifname="Async1"):
    i = nasd.interface(ifname)
    return i.get("lcp") == "Open" and i.get("ipcp") == "Open" and i


def pstn_dial_env(net, request, pstn_body, default_name="nasdial"):
    """Generator body of the fixtures that run a pstn and nasdial clients
    (test_nasdial.py, test_seed003.py): yields {"net", "pstn", "dial"}
    where dial(args, name=..., stdin=...) starts a Nasdial in namespace
    "b"; afterwards prints the clients' and the pstn's logs when the test
    failed and fails on any sanitizer report from a client.  Skips when
    the pstn or nasdial is missing."""
    import pytest
    import pstnlib

    why = pstnlib.missing()
    if why:
        pytest.skip(why)
    if not os.access(NASDIAL, os.X_OK):
        pytest.skip("%s not built (run make)" % NASDIAL)
    p = pstnlib.Pstn(pstn_body, connect_delay=200)
    dials = []

    def dial(args, name=default_name, stdin=subprocess.DEVNULL):
        d = Nasdial(net["ns"]["b"], net["dir"], args, name=name,
                    stdin=stdin)
        dials.append(d)
        return d

    yield {"net": net, "pstn": p, "dial": dial}
    failed = getattr(request.node, "rep_call", None)
    reports = []
    for d in dials:
        d.close()
        if failed is None or failed.failed:
            print("===== %s log =====\n%s" % (d.name, d.log()))
        if d.sanitizer_report():
            reports.append("%s:\n%s" % (d.name, d.sanitizer_report()))
    p.stop()
    if failed is None or failed.failed:
        print("===== pstn log =====\n" + p.log()[-20000:])
    p.cleanup()
    assert not reports, "sanitizer reports:\n" + "\n".join(reports)
