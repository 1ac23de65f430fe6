# SPDX-License-Identifier: GPL-2.0-or-later
"""Two nasd processes in two network namespaces joined by a pty pair
(issue 2, "Done when" 1-3): PPP with CHAP or PAP, IP through TUN, wrong
passwords with `ppp max-bad-auth`, 20 % of frames corrupted in transit,
and the pcap checked with tshark."""

import shutil
import subprocess

import pytest

import nasnet
from nasnet import wait_until


def bring_up(net, auth="chap", pcap=False, corrupt=0.0, **kw):
    pty = net["start_pty"](corrupt)
    server, client = nasnet.link_configs(auth=auth, pty_a=pty.a,
                                         pty_b=pty.b, **kw)
    a = net["start"]("nasA", "a", server, pcap=pcap)
    b = net["start"]("nasB", "b", client, pcap=pcap)
    return pty, a, b


def test_chap_link_carries_ip(net):
    pty, a, b = bring_up(net, auth="chap", pcap=True)
    ia = wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=30,
                    what="LCP and IPCP Open on nasA")
    ib = wait_until(lambda: nasnet.lcp_ipcp_open(b), timeout=30,
                    what="LCP and IPCP Open on nasB")
    assert ia["peer_name"] == "bob"
    assert ia["auth_by_us"] == "CHAP"
    assert ib["auth_by_peer"] == "CHAP"
    assert ia["local_address"] == "10.0.0.1"
    assert ia["peer_address"] == ib["local_address"] == "10.0.0.2"

    # IP through the TUN data plane, both directions.
    r = net["ns"]["a"].ping("10.0.0.2", count=3)
    assert r.returncode == 0, r.stdout + r.stderr
    r = net["ns"]["b"].ping("10.0.0.1", count=3)
    assert r.returncode == 0, r.stdout + r.stderr

    # IOS-style show output on both ends.
    for n in (a, b):
        text = n.cli("show interfaces Async1")
        assert "Async1 is up, line protocol is up" in text
        assert "Encapsulation PPP, LCP Open" in text
        assert "Open: IPCP" in text
    assert "LCP+ CHAP+ IPCP+" in a.cli("show ppp all")
    pools = a.json("show ip local pool")["pools"]
    assert pools[0]["name"] == "dialin" and pools[0]["in_use"] == 1

    # The debug trace in IOS form.
    log = a.log()
    assert "As1 LCP: O CONFREQ [Closed] id" in log
    assert "As1 PPP: Phase is AUTHENTICATING, by this end" in log
    assert 'As1 CHAP: I RESPONSE' in log and 'from "bob"' in log
    assert "%LINK-3-UPDOWN: Interface Async1, changed state to up" in log
    assert "s3cret" not in log and "s3cret" not in b.log()

    # SIGTERM: LCP Terminate-Request on the link, clean exit.
    assert a.stop() == 0
    assert "O TERMREQ" in a.log()
    wait_until(lambda: "I TERMREQ" in b.log(), timeout=10,
               what="nasB to see the Terminate-Request")
    assert b.stop() == 0

    # tshark reads the capture with no malformed or expert-error frames.
    check_pcap(a.pcap)
    check_pcap(b.pcap)


def check_pcap(path):
    if not shutil.which("tshark"):
        pytest.skip("tshark not installed")
    r = subprocess.run(["tshark", "-r", path, "-T", "fields", "-e",
                        "frame.number", "-e", "_ws.col.Protocol"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    protos = r.stdout
    for p in ("PPP LCP", "PPP CHAP", "PPP IPCP", "ICMP"):
        assert p in protos, "%s missing from %s:\n%s" % (p, path, protos)
    bad = subprocess.run(["tshark", "-r", path, "-Y",
                          "_ws.malformed || _ws.expert.severity >= error"],
                         capture_output=True, text=True)
    assert bad.returncode == 0, bad.stderr
    assert bad.stdout.strip() == "", "malformed frames:\n" + bad.stdout


def test_pap_link_carries_ip(net):
    pty, a, b = bring_up(net, auth="pap")
    ia = wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=30,
                    what="LCP and IPCP Open with PAP")
    assert ia["auth_by_us"] == "PAP"
    assert ia["peer_name"] == "bob"
    r = net["ns"]["a"].ping("10.0.0.2", count=2)
    assert r.returncode == 0, r.stdout + r.stderr
    assert 'As1 PAP: I AUTH-REQ' in a.log()


@pytest.mark.parametrize("auth", ["pap", "chap"])
def test_wrong_password_refused(net, auth):
    pty, a, b = bring_up(net, auth=auth, client_secret="wrong",
                         max_bad_auth=2)
    # Three failed attempts (two retries allowed), then the link is
    # terminated; the dedicated line starts again and fails again.
    wait_until(lambda: a.log().count("authentication of peer") >= 3 and
               "Authentication failed" in a.log(), timeout=60,
               what="three refusals and the termination")
    log = a.log()
    assert 'PPP authentication of peer "bob" failed' in log
    assert "retrying" in log  # max-bad-auth let the peer try again
    ia = a.interface("Async1")
    assert ia["ipcp"] != "Open"
    assert a.alive() and b.alive()
    # The daemon still answers and nothing leaked the secrets.
    assert "Async1 is up" in a.cli("show interfaces Async1")
    assert "wrong" not in b.log() and "s3cret" not in log


def test_link_survives_corruption(net):
    pty, a, b = bring_up(net, auth="chap", corrupt=0.2)
    wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=90,
               what="LCP and IPCP Open through a noisy line")
    wait_until(lambda: nasnet.lcp_ipcp_open(b), timeout=60,
               what="nasB Open through a noisy line")
    r = net["ns"]["a"].ping("10.0.0.2", count=20, timeout=1)
    assert " 0 received" not in r.stdout, r.stdout
    crc = (a.interface("Async1")["counters"]["crc"] +
           b.interface("Async1")["counters"]["crc"])
    assert crc > 0, "no FCS errors counted with 20%% corruption"
