# SPDX-License-Identifier: GPL-2.0-or-later
"""L2TP faults (issue 6, done-when 3 without the 200-session load test):
a wrong tunnel password either way, an LNS killed with SIGKILL and
restarted, `clear vpdn tunnel` on the LAC, and failover between
`initiate-to` addresses when the preferred LNS does not answer.

Topology (l2tpnslib.LacScenario, configurations in l2tp/): remote1 (nasd,
BRI 6122) places an ISDN data call to the LAC (nasd, E1 PRI 8211) as
user@example.com; the LAC tunnels example.com to 18.18.18.2 across a
veth, where either l2tpns or a nasd LNS (l2tp/lns.cfg) answers.  Every
nasd that speaks L2TP runs with --l2tp-pcap; tshark reads the captures.

What the wire must show (RFC 2661 section 4.4.2): a tunnel whose
challenge response does not match is closed with StopCCN Result Code 4
("requester is not authorized"); `clear vpdn tunnel` sends StopCCN
Result Code 1 ("general request to clear control connection").
"""

import os
import shutil
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import l2tpnslib  # noqa: E402
from l2tpnslib import LAC_ADDR, LNS_ADDR  # noqa: E402
from nasnet import wait_until  # noqa: E402

SECRET = "faults-tunnel-s3cret"
WRONG = "not-the-tunnel-s3cret"
# Detection of a dead peer: a HELLO after 10 s of silence, then 5
# retransmissions (the fewest the configuration accepts) from 1 s
# doubling.  `l2tp tunnel retransmit timeout max 1` is accepted by the
# configuration but the core raises the cap to 8 s (RFC 2661 section
# 5.8: a cap, if any, no less than 8 s), so the retransmissions take
# 1 + 2 + 4 + 8 + 8 s and the tunnel clears 8 s after the last one:
# about 41 s after the last datagram from the LNS.
FAST_DEAD_PEER = (" l2tp tunnel hello 10\n"
                  " l2tp tunnel retransmit retries 5\n"
                  " l2tp tunnel retransmit timeout min 1\n")


@pytest.fixture
def sc(request):
    yield from l2tpnslib.lac_scenario(request, "l2tp-faults-")


def need_tshark():
    if not shutil.which("tshark"):
        pytest.skip("tshark not installed")


def stopccns(pcap):
    """[(source address, result code)] of every StopCCN in a capture."""
    return [(r[0], int(r[1].split(",")[0]))
            for r in l2tpnslib.tshark_fields(
                pcap, "l2tp.avp.message_type == 4",
                ["ip.src", "l2tp.result_code"])]


def live_tunnels(sc, node):
    """The node's tunnels that are not shutting down: a closed tunnel
    stays listed in state "shutdown" for one retransmission cycle (RFC
    2661 section 5.7, to acknowledge a repeated StopCCN), as on IOS."""
    return [t for t in sc.vpdn(node).get("tunnels", [])
            if t["state"] != "shutdown"]


def no_live_tunnels(sc, *nodes):
    return all(live_tunnels(sc, n) == [] for n in nodes)


def no_calls(sc, node):
    return sc.calls(node) == []


DISCONNECT = "%ISDN-6-DISCONNECT: Interface BRI0:"


def call_and_wait_cleared(sc, timeout=30):
    """One call from the remote that must be cleared (the remote logs one
    more ISDN disconnect, both ISDN ends are idle again) without the
    caller's PPP reaching IPCP; the LAC refuses it with CHAP Failure."""
    remote = sc.nasd["remote"]
    before = remote.log().count(DISCONNECT)
    failures = remote.log().count("CHAP: I FAILURE")
    sc.call()
    wait_until(lambda: remote.log().count(DISCONNECT) == before + 1 and
               no_calls(sc, "remote") and no_calls(sc, "lac"),
               timeout=timeout, interval=0.2,
               what="the call cleared at both ISDN ends")
    rlog = remote.log()
    assert rlog.count("CHAP: I FAILURE") == failures + 1, rlog[-3000:]
    assert "IPCP: State is Open" not in rlog
    assert sc.remote_up() is None


def check_alive(sc):
    """Every nasd still running (but the one the test killed), and no
    secret in any nasd's log."""
    for name, n in sc.nasd.items():
        log = n.log()
        for secret in (SECRET, WRONG, sc.user_secret):
            assert secret not in log, (name, secret)
        if name.endswith("-killed"):
            continue
        assert n.alive(), "%s died:\n%s" % (name, log[-3000:])


def test_l2tp_wrong_password_lac_to_l2tpns(sc):
    """The LAC's tunnel password differs from l2tpns' l2tp_secret: the
    LAC challenged, l2tpns' Challenge Response in SCCRP does not match,
    the LAC closes the tunnel with StopCCN result 4 and clears the call;
    a second call meets the same refusal (no tunnel left over)."""
    need_tshark()
    lns = sc.start_l2tpns(SECRET)
    lac = sc.start_lac(WRONG)
    sc.start_remote()
    sc.wait_isdn()
    for attempt in (1, 2):
        call_and_wait_cleared(sc)
        wait_until(lambda: no_live_tunnels(sc, "lac"), timeout=10,
                   what="no tunnel left on the LAC")
        assert sc.vpdn("lac")["total_sessions"] == 0
        la = lac.log()
        assert la.count("Tunnel Authentication failure: response "
                        "mismatch") == attempt, la[-4000:]
        assert la.count("%VPDN-6-CLOSED: L2TP tunnel") == attempt
        assert "O StopCCN to refLNS" in la
        assert "Result code(4): " in la
        check_alive(sc)
        assert lns.alive()
        assert [s for s in lns.sessions() if s["username"] == sc.user] \
            == []
    assert WRONG not in lac.log() and SECRET not in lac.log()
    lac.stop()
    # On the wire: two StopCCNs from the LAC, Result Code 4 each.
    stops = stopccns(lac.l2tp_pcap)
    assert stops == [(LAC_ADDR, 4), (LAC_ADDR, 4)], stops
    assert l2tpnslib.tshark_malformed(lac.l2tp_pcap) == ""


def test_l2tp_wrong_password_nasd_lns_refuses(sc):
    """The LAC does not challenge (`no l2tp tunnel authentication`) and
    answers the nasd LNS's challenge with the wrong password: the LNS
    finds the SCCCN's Challenge Response wrong and closes the tunnel
    with StopCCN result 4; the LAC takes the StopCCN, clears the call;
    a second call gets the same answer."""
    need_tshark()
    lns = sc.start_nasd_lns(SECRET)
    lac = sc.start_lac(WRONG, group_extra=" no l2tp tunnel authentication\n")
    sc.start_remote()
    sc.wait_isdn()
    for attempt in (1, 2):
        call_and_wait_cleared(sc)
        wait_until(lambda: no_live_tunnels(sc, "lac", "lns"), timeout=10,
                   what="no tunnel left on either side")
        assert sc.vpdn("lac")["total_sessions"] == 0
        assert sc.vpdn("lns")["total_sessions"] == 0
        ln, la = lns.log(), lac.log()
        assert ln.count("Tunnel Authentication failure: response "
                        "mismatch") == attempt, ln[-4000:]
        assert "Got a Challenge Response in SCCCN from LAC" in ln
        assert "O StopCCN to LAC" in ln
        assert la.count("I StopCCN from LNS") == attempt, la[-4000:]
        assert "Result code(4): " in la
        assert la.count("%VPDN-6-CLOSED: L2TP tunnel") == attempt
        assert lns.json("show interfaces")["interfaces"] is not None
        check_alive(sc)
    for n in (lac, lns):
        assert WRONG not in n.log() and SECRET not in n.log()
    lns.stop()
    stops = stopccns(lns.l2tp_pcap)
    assert stops == [(LNS_ADDR, 4), (LNS_ADDR, 4)], stops
    assert l2tpnslib.tshark_malformed(lns.l2tp_pcap) == ""


def bring_up(sc, timeout=40):
    """The remote's call up end to end through the nasd LNS, and a ping
    to the LNS's Loopback0 across it."""
    sc.call()
    up = wait_until(sc.remote_up, timeout=timeout, interval=0.3,
                    what="the caller's PPP up through the LNS")
    assert up["local_address"].startswith("10.30.0."), up
    assert sc.ping("remote", "10.30.0.1", count=2), "ping through tunnel"
    v = sc.vpdn("lac")
    assert len(live_tunnels(sc, "lac")) == 1 and \
        v["total_sessions"] == 1, v
    return up


def test_l2tp_lns_killed_and_restarted(sc):
    """The user is up through the nasd LNS; the LNS gets SIGKILL.  With
    `l2tp tunnel hello 10` and 5 retransmissions the LAC finds the
    peer dead within about 41 s: the tunnel is closed (%VPDN-6-CLOSED,
    show vpdn: no tunnel), the session and the ISDN call to the remote
    are cleared.  A new LNS on the same address takes a new call."""
    lns = sc.start_nasd_lns(SECRET, group_extra=FAST_DEAD_PEER)
    lac = sc.start_lac(SECRET, group_extra=FAST_DEAD_PEER)
    sc.start_remote()
    sc.wait_isdn()
    bring_up(sc)

    lns.proc.kill()
    lns.proc.wait()
    lns.logf.close()
    killed_at = time.monotonic()
    sc.nasd["lns-killed"] = sc.nasd.pop("lns")
    wait_until(lambda: sc.vpdn("lac")["total_tunnels"] == 0, timeout=55,
               interval=0.5, what="the LAC to find the LNS dead")
    detected_s = time.monotonic() - killed_at
    assert 30 < detected_s < 50, detected_s
    wait_until(lambda: no_calls(sc, "lac") and no_calls(sc, "remote"),
               timeout=15, what="the ISDN call cleared")
    la = lac.log()
    assert "%VPDN-6-CLOSED: L2TP tunnel" in la, la[-4000:]
    assert "L2TP: O Hello to LNS" in la, la[-4000:]
    assert "L2TP: Retransmit 5 of Hello" in la
    assert "Retransmit 6 of" not in la
    assert sc.vpdn("lac")["total_sessions"] == 0
    assert "%ISDN-6-DISCONNECT: Interface BRI0:" in \
        sc.nasd["remote"].log()
    check_alive(sc)

    # The LNS comes back (same address and configuration): a new call
    # opens a new tunnel and comes up.
    sc.start_nasd_lns(SECRET, group_extra=FAST_DEAD_PEER, name="LNS-2")
    bring_up(sc)
    v = sc.vpdn("lns")
    assert (v["total_tunnels"], v["total_sessions"]) == (1, 1), v
    assert v["tunnels"][0]["state"] == "est", v
    check_alive(sc)


def test_l2tp_clear_vpdn_tunnel_on_lac(sc):
    """`clear vpdn tunnel` on the LAC: StopCCN with Result Code 1; the
    LNS's Virtual-Access and the LAC's ISDN call are cleared, the remote
    sees its call drop; a new call afterwards opens a new tunnel."""
    need_tshark()
    lns = sc.start_nasd_lns(SECRET)
    lac = sc.start_lac(SECRET)
    sc.start_remote()
    sc.wait_isdn()
    bring_up(sc)
    tid = sc.vpdn("lac")["tunnels"][0]["local_id"]
    lac.cli("clear vpdn tunnel %d" % tid)
    wait_until(lambda: no_live_tunnels(sc, "lac", "lns"), timeout=15,
               what="the tunnel shut down on both sides")
    wait_until(lambda: no_calls(sc, "lac") and no_calls(sc, "remote"),
               timeout=15, what="the ISDN call cleared")
    assert sc.vpdn("lns")["total_sessions"] == 0
    ln, la = lns.log(), lac.log()
    assert "I StopCCN from LAC" in ln, ln[-4000:]
    assert "Result code(1): " in ln
    assert "Tnl %d L2TP: O StopCCN to LNS" % tid in la, la[-4000:]
    assert "Tnl %d L2TP: Result code(1): General request to clear " \
        "control connection" % tid in la
    assert "user@example.com disconnected: tunnel down" in la
    assert "%ISDN-6-DISCONNECT: Interface BRI0:" in \
        sc.nasd["remote"].log()
    # An unknown ID is an error, not a silent success.
    out = lac.cli("clear vpdn tunnel %d" % tid, check=False)
    assert "%% No tunnel with local ID %d" % tid in out, out
    # And the next call works again.
    bring_up(sc)
    check_alive(sc)
    lac.stop()
    lns.stop()
    stops = stopccns(lac.l2tp_pcap)
    # The cleared tunnel, then the shutdown's StopCCN (result 6) for the
    # second one.
    assert stops[0] == (LAC_ADDR, 1), stops
    assert l2tpnslib.tshark_malformed(lac.l2tp_pcap) == ""
    assert l2tpnslib.tshark_malformed(lns.l2tp_pcap) == ""


# An address on the LAC's veth subnet where nothing answers (no ARP
# reply): the preferred LNS that is down.
DEAD_LNS = "18.18.18.9"


def test_l2tp_initiate_to_failover(sc):
    """`initiate-to ip 18.18.18.9 priority 1` (nobody there) and
    `initiate-to ip 18.18.18.2 priority 2` (the nasd LNS): the first
    call's tunnel to .9 gets no SCCRP; after 5 retransmissions the LAC
    gives that tunnel up, puts .9 on the group's busy list and sends the
    waiting call to .2 with the same proxy LCP and authentication; the
    caller's PPP comes up through it.  A second call while .9 is busy
    goes straight to .2 without trying .9 again.  `l2tp tunnel busy
    timeout` reads back from `show running-config`."""
    extra = (" initiate-to ip %s priority 1\n"
             " initiate-to ip %s priority 2\n"
             " l2tp tunnel retransmit retries 5\n"
             " l2tp tunnel retransmit timeout min 1\n"
             " l2tp tunnel busy timeout 600\n") % (DEAD_LNS, LNS_ADDR)
    sc.start_nasd_lns(SECRET)
    lac = sc.start_lac(SECRET, group_extra=extra)
    sc.start_remote()
    sc.wait_isdn()
    run = lac.cli("show running-config")
    assert " initiate-to ip %s priority 2\n" % LNS_ADDR in run, run
    assert " l2tp tunnel busy timeout 600\n" in run, run

    started = time.monotonic()
    bring_up(sc, timeout=90)
    took = time.monotonic() - started
    la = lac.log()
    dead = "Select non-active address %s, priority 1" % DEAD_LNS
    good = "Select non-active address %s, priority 2" % LNS_ADDR
    assert la.count(dead) == 1, la[-5000:]
    assert "tunnel to %s did not come up: %s is busy for 600 s" % (
        DEAD_LNS, DEAD_LNS) in la, la[-5000:]
    assert "tunnel to %s failed, %s fails over" % (DEAD_LNS, sc.user) \
        in la, la[-5000:]
    assert la.index(dead) < la.index("fails over") < la.index(good), \
        la[-5000:]
    assert "L2TP: Retransmit 5 of SCCRQ" in la, la[-5000:]
    # 1 + 2 + 4 + 8 + 8 s of retransmissions before the failover.
    assert took > 20, took
    tunnels = live_tunnels(sc, "lac")
    assert [t["remote_address"] for t in tunnels] == [LNS_ADDR], tunnels

    # Second call: hang up, dial again.  .9 is busy: straight to .2.
    sc.nasd["remote"].cli("clear interface BRI0")
    wait_until(lambda: no_calls(sc, "lac") and no_calls(sc, "remote"),
               timeout=15, what="the first call cleared")
    before = len(lac.log())
    started = time.monotonic()
    bring_up(sc, timeout=30)
    assert time.monotonic() - started < 15
    second = lac.log()[before:]
    assert "Address 1: %s, priority 1, busy" % DEAD_LNS in second, second
    assert lac.log().count(dead) == 1, second
    check_alive(sc)
