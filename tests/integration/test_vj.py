# SPDX-License-Identifier: GPL-2.0-or-later
"""Van Jacobson TCP/IP header compression (RFC 1144, negotiated in IPCP per
RFC 1332 §3.2) between two nasd over the serial link: `ip tcp
header-compression` on both ends (and `passive` on one), IPCP agreeing VJ
in the debug trace, bulk and interactive TCP across the link arriving
intact, `show ip tcp header-compression` counting compressed packets on
both sides, and tshark decoding the VJ frames of the capture.

Linux sends TCP timestamps by default; a timestamp changes in every
segment, and RFC 1144 sends any segment whose TCP options changed
uncompressed.  The namespaces turn them off, as the dial-up clients VJ was
made for never sent them."""

import os
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
from nasnet import wait_until  # noqa: E402

PORT = 5001
BULK = 24 * 1024

# A TCP server in namespace a (nasA's side, 10.0.0.1): for each of
# `conns` connections, read the request (a 4-octet length, then that
# many octets), answer with the octets reversed; then an interactive
# echo of single lines.
SERVER = r"""
import socket, struct, sys
conns = int(sys.argv[1])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.0.0.1", %d))
s.listen(4)
s.settimeout(60)
print("listening", flush=True)
def readn(c, n):
    b = b""
    while len(b) < n:
        k = c.recv(n - len(b))
        if not k:
            raise SystemExit("short read")
        b += k
    return b
for i in range(conns):
    c, _ = s.accept()
    c.settimeout(60)
    n = struct.unpack("!I", readn(c, 4))[0]
    data = readn(c, n)
    c.sendall(data[::-1])
    c.close()
c, _ = s.accept()
c.settimeout(60)
f = c.makefile("rwb", buffering=0)
for line in f:
    if line.strip() == b"bye":
        break
    f.write(line)
c.close()
print("done", flush=True)
""" % PORT

# The client in namespace b: `conns` bulk requests (checked), then 30
# interactive lines echoed back (checked).
CLIENT = r"""
import os, socket, struct, sys
conns, size = int(sys.argv[1]), int(sys.argv[2])
for i in range(conns):
    data = bytes((j * 7 + i) & 0xff for j in range(size + i * 1000))
    c = socket.create_connection(("10.0.0.1", %d), timeout=60)
    c.sendall(struct.pack("!I", len(data)) + data)
    back = b""
    while True:
        k = c.recv(65536)
        if not k:
            break
        back += k
    assert back == data[::-1], "connection %%d: %%d octets back" %% (
        i, len(back))
    c.close()
c = socket.create_connection(("10.0.0.1", %d), timeout=60)
f = c.makefile("rwb", buffering=0)
for i in range(30):
    line = b"keystroke %%d\n" %% i
    f.write(line)
    assert f.readline() == line
f.write(b"bye\n")
c.close()
print("ok", flush=True)
""" % (PORT, PORT)


def with_vj(config, line):
    """Add `line` to interface Async1 of a nasnet.link_configs() config."""
    return config.replace(" encapsulation ppp\n",
                          " %s\n encapsulation ppp\n" % line, 1)


def bring_up(net, server_hc, client_hc, pcap=False):
    pty = net["start_pty"]()
    server, client = nasnet.link_configs(auth="chap", pty_a=pty.a,
                                         pty_b=pty.b)
    if server_hc:
        server = with_vj(server, server_hc)
    if client_hc:
        client = with_vj(client, client_hc)
    a = net["start"]("nasA", "a", server, pcap=pcap,
                     debugs=("ppp negotiation", "ppp error"))
    b = net["start"]("nasB", "b", client, pcap=pcap,
                     debugs=("ppp negotiation", "ppp error"))
    wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=30,
               what="LCP and IPCP Open on nasA")
    wait_until(lambda: nasnet.lcp_ipcp_open(b), timeout=30,
               what="LCP and IPCP Open on nasB")
    for ns in net["ns"].values():
        r = ns.run(["sysctl", "-w", "net.ipv4.tcp_timestamps=0"])
        assert r.returncode == 0, r.stderr
    return a, b


def tcp_exchange(net, conns=3, size=BULK):
    ns_a, ns_b = net["ns"]["a"], net["ns"]["b"]
    srv = subprocess.Popen(ns_a.cmd([sys.executable, "-c", SERVER,
                                     str(conns)]),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        assert srv.stdout.readline().strip() == "listening"
        cli = ns_b.run([sys.executable, "-c", CLIENT, str(conns),
                        str(size)], timeout=120)
        assert cli.returncode == 0, cli.stdout + cli.stderr
        assert cli.stdout.strip() == "ok"
        out, err = srv.communicate(timeout=30)
        assert srv.returncode == 0, out + err
    finally:
        if srv.poll() is None:
            srv.kill()
            srv.wait()


def hc(nasd):
    return nasd.json("show ip tcp header-compression")["interfaces"]


def test_vj_both_ends(net):
    a, b = bring_up(net, "ip tcp header-compression",
                    "ip tcp header-compression", pcap=True)
    # IPCP agreed VJ both ways, in IOS's words (seed 001).
    for n in (a, b):
        log = n.log()
        assert "IPCP:    CompressType VJ 15 slots (0x0206002D0F00)" in log
        assert "O CONFACK" in log
    tcp_exchange(net)
    for n in (a, b):
        (i,) = hc(n)
        assert i["interface"] == "Async1"
        assert i["rcvd"]["negotiated"] and i["sent"]["negotiated"]
        assert i["rcvd"]["slots"] == 16 and i["sent"]["slots"] == 16
        assert i["sent"]["compressed"] > 0, i
        assert i["rcvd"]["compressed"] > 0, i
        assert i["rcvd"]["errors"] == 0, i
        assert i["sent"]["bytes_saved"] > 0, i
        text = n.cli("show ip tcp header-compression")
        assert text.startswith("TCP/IP header compression statistics:\n"
                               "  Interface Async1:\n    Rcvd:    ")
        assert "efficiency improvement factor" in text
        assert "16 rx slots, 16 tx slots" in text
    # The configuration reads back as typed.
    assert " ip tcp header-compression\n" in a.cli("show running-config")
    assert a.stop() == 0 and b.stop() == 0
    check_pcap(a.pcap)
    check_pcap(b.pcap)


def test_vj_passive_end(net):
    # nasA is passive (seed 001's Group-Async1): it still asks for VJ,
    # and compresses once nasB's compressed TCP has arrived.
    a, b = bring_up(net, "ip tcp header-compression passive",
                    "ip tcp header-compression")
    (ia,) = hc(a)
    assert ia["passive"] and not ia["compressing"]
    assert "(passive, not compressing)" in a.cli(
        "show ip tcp header-compression")
    tcp_exchange(net, conns=2)
    (ia,) = hc(a)
    (ib,) = hc(b)
    assert ia["compressing"]
    assert ia["sent"]["compressed"] > 0 and ib["sent"]["compressed"] > 0
    assert ia["rcvd"]["compressed"] > 0 and ib["rcvd"]["compressed"] > 0
    assert "(passive, compressing)" in a.cli(
        "show ip tcp header-compression")
    assert " ip tcp header-compression passive\n" in a.cli(
        "show running-config")


def test_vj_one_end_only(net):
    # nasB has no `ip tcp header-compression`: it Rejects nasA's VJ
    # option and asks for none; TCP still flows, uncompressed.
    a, b = bring_up(net, "ip tcp header-compression", None)
    assert "O CONFREJ" in b.log()
    tcp_exchange(net, conns=1, size=4096)
    (ia,) = hc(a)
    assert not ia["sent"]["negotiated"] and not ia["rcvd"]["negotiated"]
    assert ia["sent"]["total"] == 0
    assert hc(b) == []


def check_pcap(path):
    if not shutil.which("tshark"):
        pytest.skip("tshark not installed")
    r = subprocess.run(["tshark", "-r", path, "-T", "fields", "-e",
                        "ppp.protocol"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    protos = set(r.stdout.split())
    assert {"0x002d", "0x002f"} <= protos, protos
    bad = subprocess.run(["tshark", "-r", path, "-Y",
                          "_ws.malformed || _ws.expert.severity >= error"],
                         capture_output=True, text=True)
    assert bad.returncode == 0, bad.stderr
    assert bad.stdout.strip() == "", "malformed frames:\n" + bad.stdout
    # Wireshark rebuilds the headers from the VJ frames itself: had we
    # encoded a delta differently from RFC 1144 (say, swapped the two
    # special cases), its TCP analysis would see segments acked that
    # were never sent, or holes in the sequence space.
    odd = subprocess.run(["tshark", "-r", path, "-Y",
                          "tcp.analysis.ack_lost_segment || "
                          "tcp.analysis.lost_segment || "
                          "ip.checksum.status == \"Bad\""],
                         capture_output=True, text=True)
    assert odd.returncode == 0, odd.stderr
    assert odd.stdout.strip() == "", "mis-decoded frames:\n" + odd.stdout
    assert os.path.getsize(path) > 0
