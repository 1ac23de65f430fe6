# SPDX-License-Identifier: GPL-2.0-or-later
"""Seed 004 (Cisco, "L2TP dial-in and dial-out", Japanese edition): the
five routers in network namespaces on the built-in phone network, ready
for nasd's L2TP LAC and LNS (tests/integration/test_seed004.py,
doc/testing-l2tp.md).

  remote1  nasd, BRI 6122, Loopback0 17.17.17.1; dials the LAC (8211)
           with CHAP name remote1@cisco.com
  remote2  nasd, BRI 6121, Loopback0 17.17.17.2; answers the LAC's
           dial-out call and authenticates the LNS with CHAP
  LAC      nasd, E1 PRI 8211 (controller E1 0, pri-group timeslots 1-31,
           D-channel Serial0:15, primary-net5), Loopback0 18.18.18.1,
           Serial0 18.18.18.6/30
  LNS      nasd, Loopback0 18.18.18.2, Serial0 18.18.18.5/30, Ethernet0
           10.200.20.24/24
  local1   a plain Linux host: Loopback 17.17.17.3, Ethernet0
           10.200.20.32/24; it pings

nasd manages its dialers' calls and routes (through its TUN), not the
router's other interfaces, so the kernel of each namespace is given what
IOS would have from the non-dialer part of the configuration (KERNEL
below): the Loopback addresses as /32 on lo, the back-to-back serial link
LAC-LNS as a veth pair named Serial0 on both sides, the Ethernet between
the LNS and local1 as a veth pair named Ethernet0, and the seed's static
routes towards those links.  The LNS forwards between Ethernet0 and
nasd's TUN (ip_forward on).

The configurations are in tests/integration/seed004/: the LAC's and the
LNS's as the note prints them, plus `pstn attach` (the LAC's PRI) and the
LNS's two `username` lines the truncated configuration leaves out; the
remote routers' as the trace implies.
"""

import os
import re
import shutil
import signal
import subprocess

from nasnet import Nasd, Netns, sanitizer_report, wait_until
from pstnlib import Pstn

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG_DIR = os.path.join(HERE, "seed004")

LAC_NUMBER = "8211"
REMOTE1_NUMBER = "6122"
REMOTE2_NUMBER = "6121"
# The CHAP secrets the note does not show (remote1's and remote2's with
# the LNS).  The tunnel secret is the seed's own: l2tptunnel.
REMOTE1_SECRET = "R1-chap-s3cret"
REMOTE2_SECRET = "R2-chap-s3cret"
TUNNEL_SECRET = "l2tptunnel"
SECRETS = (REMOTE1_SECRET, REMOTE2_SECRET, TUNNEL_SECRET)

PSTN_BODY = (
    "subscriber 8211\n"
    " description LAC E1 PRI (seed 004)\n"
    " isdn pri-e1\n"
    " endpoint attach\n"
    "subscriber 6122\n"
    " description remote1 BRI\n"
    " isdn bri\n"
    " endpoint attach\n"
    "subscriber 6121\n"
    " description remote2 BRI\n"
    " isdn bri\n"
    " endpoint attach\n")

NODES = ("remote1", "remote2", "lac", "lns", "local1")
ROUTERS = ("lac", "lns", "remote1", "remote2")    # the nasd instances
HOSTNAMES = {"lac": "LAC", "lns": "LNS", "remote1": "remote1",
             "remote2": "remote2"}

# The routers' debugs: the note's `show debug` (dialer events, vpdn
# events and l2x-events, ppp negotiation and authentication, isdn events;
# vtemplate on the LNS) plus q931 and l2x-errors.
DEBUGS = {
    "lac": ("dialer events", "vpdn events", "vpdn l2x-events",
            "vpdn l2x-errors", "ppp negotiation", "ppp authentication",
            "isdn events", "isdn q931"),
    "lns": ("dialer events", "vpdn events", "vpdn l2x-events",
            "vpdn l2x-errors", "ppp negotiation", "ppp authentication",
            "vtemplate"),
    "remote1": ("dialer events", "ppp negotiation", "ppp authentication",
                "isdn events"),
    "remote2": ("dialer events", "ppp negotiation", "ppp authentication",
                "isdn events"),
}

# What each namespace's kernel gets (see the module comment).  Links are
# (namespace, ifname, peer namespace, peer ifname); addresses and routes
# per namespace, as `ip` arguments.
LINKS = (("lac", "Serial0", "lns", "Serial0"),
         ("lns", "Ethernet0", "local1", "Ethernet0"))
KERNEL = {
    "remote1": {"addr": [("lo", "17.17.17.1/32")], "routes": []},
    "remote2": {"addr": [("lo", "17.17.17.2/32")], "routes": []},
    "lac": {"addr": [("lo", "18.18.18.1/32"), ("Serial0", "18.18.18.6/30")],
            # ip route 18.18.18.2 255.255.255.255 18.18.18.5
            "routes": [("18.18.18.2/32", "18.18.18.5")]},
    "lns": {"addr": [("lo", "18.18.18.2/32"), ("Serial0", "18.18.18.5/30"),
                     ("Ethernet0", "10.200.20.24/24")],
            # ip route 18.18.18.1 255.255.255.255 18.18.18.6
            # ip route 17.17.17.3 255.255.255.255 10.200.20.32
            # (ip route 10.200.16.26 ... 10.200.20.1: no such gateway
            # here; the Dialer1/Dialer2 routes are nasd's)
            "routes": [("18.18.18.1/32", "18.18.18.6"),
                       ("17.17.17.3/32", "10.200.20.32")]},
    "local1": {"addr": [("lo", "17.17.17.3/32"),
                        ("Ethernet0", "10.200.20.32/24")],
               # local1 reaches the remote routers through the LNS
               "routes": [("17.17.17.0/24", "10.200.20.24")]},
}


def config(node, attach):
    """A router's configuration with the attach socket and the secrets
    filled in."""
    with open(os.path.join(CONFIG_DIR, node + ".cfg")) as f:
        text = f.read()
    return (text.replace("@ATTACH@", attach)
            .replace("@REMOTE1_SECRET@", REMOTE1_SECRET)
            .replace("@REMOTE2_SECRET@", REMOTE2_SECRET))


def isdn_layer2_up(nasd, ifname):
    for i in nasd.json("show isdn status")["interfaces"]:
        if i["interface"] == ifname and i["layer2_up"]:
            return True
    return False


class Capture:
    """tshark on one interface of a namespace, writing a pcap; stopped by
    PID (SIGTERM lets it flush)."""

    def __init__(self, netns, ifname, path):
        self.path = path
        self.errpath = path + ".stderr"
        self.errf = open(self.errpath, "w")
        self.proc = subprocess.Popen(
            netns.cmd(["tshark", "-n", "-q", "-i", ifname, "-w", path]),
            stdout=subprocess.DEVNULL, stderr=self.errf,
            stdin=subprocess.DEVNULL, start_new_session=True)
        wait_until(lambda: self._started(), timeout=20,
                   what="tshark capturing on %s" % ifname)

    def _started(self):
        if self.proc.poll() is not None:
            raise AssertionError("tshark exited %s: %s" % (
                self.proc.returncode, open(self.errpath).read()))
        with open(self.errpath) as f:
            return "Capturing on" in f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.errf.closed:
            self.errf.close()


class Scenario:
    """The topology; start() brings it up, stop() ends everything by PID
    and deletes the namespaces (safe twice).  `tag` makes the namespace
    names unique per run (s4-<node>-<tag>)."""

    def __init__(self, workdir, tag=None, capture=False):
        self.wd = workdir
        self.tag = tag or str(os.getpid())
        self.capture_wanted = capture
        self.ns = {}
        self.nasd = {}
        self.pstn = None
        self.capture = None
        self.stopped = False

    # ---- bring-up

    def start(self, routers=ROUTERS):
        """Namespaces, links, addresses and routes, the phone network, a
        tshark on the LAC's Serial0 if asked for, then the nasd routers
        (all four by default)."""
        self.start_network()
        self.pstn = Pstn(PSTN_BODY, connect_delay=200)
        if self.capture_wanted:
            self.capture = Capture(self.ns["lac"], "Serial0",
                                   os.path.join(self.wd, "lac-serial0.pcap"))
        for node in routers:
            self.start_router(node)
        return self

    def start_network(self):
        for node in NODES:
            self.ns[node] = Netns("s4-%s-%s" % (node, self.tag))
        for a, ifa, b, ifb in LINKS:
            subprocess.run(["ip", "-n", self.ns[a].name, "link", "add",
                            ifa, "type", "veth", "peer", "name", ifb,
                            "netns", self.ns[b].name], check=True)
            # A line carries one frame per datagram: no segmentation
            # offload (nasd sends runs of equal datagrams with UDP GSO),
            # so that a capture on it sees the datagrams a wire would.
            for node, ifname in ((a, ifa), (b, ifb)):
                subprocess.run(["ip", "-n", self.ns[node].name, "link",
                                "set", ifname, "gso_max_segs", "1"],
                               check=True)
        for node, k in KERNEL.items():
            n = self.ns[node].name
            for ifname, addr in k["addr"]:
                subprocess.run(["ip", "-n", n, "addr", "add", addr, "dev",
                                ifname], check=True)
                subprocess.run(["ip", "-n", n, "link", "set", ifname, "up"],
                               check=True)
            for prefix, via in k["routes"]:
                subprocess.run(["ip", "-n", n, "route", "add", prefix,
                                "via", via], check=True)
        # The LNS routes between Ethernet0 and nasd's TUN.
        self.ns["lns"].run(["sysctl", "-qw", "net.ipv4.ip_forward=1"],
                           check=True)

    def start_router(self, node):
        n = Nasd(HOSTNAMES[node], self.ns[node], self.wd,
                 config(node, self.pstn.attach), debugs=DEBUGS[node])
        self.nasd[node] = n
        return n

    def wait_isdn(self, timeout=20):
        """Layer 2 up on the LAC's D-channel and the remote BRIs."""
        want = {"lac": "Serial0:15", "remote1": "BRI0", "remote2": "BRI0"}
        wait_until(lambda: all(isdn_layer2_up(self.nasd[n], i)
                               for n, i in want.items() if n in self.nasd),
                   timeout=timeout, what="ISDN layer 2 on the PRI and BRIs")

    # ---- helpers

    def show(self, node, cmd):
        return self.nasd[node].cli(cmd, check=False)

    def show_vpdn(self, node):
        return self.show(node, "show vpdn")

    def ping(self, node, addr, count=1, wait=2, source=None):
        argv = ["ping", "-n", "-c", str(count), "-i", "0.2", "-W",
                str(wait)]
        if source:
            argv += ["-I", source]
        return self.ns[node].run(argv + [addr]).returncode == 0

    def logs(self):
        out = {n: d.log() for n, d in self.nasd.items()}
        if self.pstn:
            out["pstn"] = self.pstn.log()
        return out

    def sanitizer_reports(self):
        return {n: sanitizer_report(d.log()) for n, d in self.nasd.items()
                if sanitizer_report(d.log())}

    def secrets_in_logs(self):
        """[(node, secret)] for every secret that shows in a log."""
        return [(n, s) for n, text in self.logs().items()
                for s in SECRETS if s in text]

    def stop_capture(self):
        if self.capture:
            self.capture.stop()
        return self.capture.path if self.capture else None

    def stop(self):
        if self.stopped:
            return
        self.stopped = True
        if self.capture:
            self.capture.stop()
        for d in self.nasd.values():
            if not d.logf.closed:
                d.stop()
        if self.pstn:
            self.pstn.stop()
        for n in self.ns.values():
            n.delete()

    def cleanup(self):
        if self.pstn:
            self.pstn.cleanup()


def vpdn_totals(text):
    """(tunnels, sessions) from `show vpdn`'s "Total tunnels N sessions
    M", or None."""
    m = re.search(r"Total tunnels (\d+) sessions (\d+)", text)
    return (int(m.group(1)), int(m.group(2))) if m else None


L2TP_MESSAGES = ("SCCRQ", "SCCRP", "SCCCN", "ICRQ", "ICRP", "ICCN", "OCRQ",
                 "OCRP", "OCCN")


def check_l2tp_pcap(path, need=L2TP_MESSAGES):
    """tshark reads the capture: (ok, text).  ok needs L2TP on UDP 1701,
    every message type in `need` (by tshark's name of the Message Type
    AVP) and no malformed or error-level frame.  (None, reason) without
    tshark."""
    if not shutil.which("tshark"):
        return None, "tshark not installed"
    r = subprocess.run(["tshark", "-n", "-r", path, "-Y", "l2tp", "-T",
                        "fields", "-e", "l2tp.avp.message_type"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return False, r.stderr
    lines = r.stdout.splitlines()
    names = subprocess.run(["tshark", "-n", "-r", path, "-Y",
                            "l2tp.type == 1"], capture_output=True,
                           text=True).stdout
    missing = [m for m in need if m not in names]
    bad = subprocess.run(["tshark", "-n", "-r", path, "-Y",
                          "_ws.malformed || _ws.expert.severity >= error"],
                         capture_output=True, text=True)
    ok = bool(lines) and not missing and not bad.stdout.strip()
    return ok, "%d L2TP frames%s%s" % (
        len(lines), "; missing %s" % ", ".join(missing) if missing else "",
        "; malformed:\n" + bad.stdout if bad.stdout.strip() else "")

