# SPDX-License-Identifier: GPL-2.0-or-later
"""L2TP interop (issue 6, done-when 2): nasd as LAC forwards a dial-in
user to l2tpns (Debian's 2.4.1) as LNS, and the user's PPP comes up
through the tunnel.

Topology (l2tpnslib.LacScenario, configurations in l2tp/):

  remote1 (nasd, BRI 6122) --ISDN data call--> LAC (nasd, E1 PRI 8211)
  LAC 18.18.18.1 --veth Serial0-- 18.18.18.2 l2tpns (+ radresp)

The LAC runs LCP and CHAP with the caller, takes the domain example.com
from "user@example.com" and tunnels the call to l2tpns with the tunnel
password l2tpns has as l2tp_secret.  l2tpns ignores the proxy LCP and
authentication AVPs (reference l2tp.md section 2): it restarts LCP with
the caller through the tunnel, authenticates it again (CHAP first, its
radius_authtypes "chap,pap"; radresp accepts) and gives it an address of
its pool with IPCP.  The caller's nasd has to follow that renegotiation.
"""

import ipaddress
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import l2tpnslib  # noqa: E402
from nasnet import wait_until  # noqa: E402

TUNNEL_SECRET = "interop-tunnel-s3cret"
POOL = "10.10.0.0/24"
TUN_ADDR = "192.0.2.1"


@pytest.fixture
def sc(request):
    why = l2tpnslib.missing()
    if why:
        pytest.skip(why)
    yield from l2tpnslib.lac_scenario(request, "l2tp-interop-")


def test_l2tp_interop_lac_to_l2tpns(sc):
    """remote1 dials the LAC; the LAC tunnels user@example.com to l2tpns;
    l2tpns renegotiates LCP and CHAP and assigns an address of its pool;
    the caller pings l2tpns' tun address; both sides list the session;
    tshark decodes nasd's L2TP capture without a malformed frame."""
    lns = sc.start_l2tpns(TUNNEL_SECRET, pool=POOL, tun_addr=TUN_ADDR,
                          extra=["set echo_timeout 3600"])
    lac = sc.start_lac(TUNNEL_SECRET)
    remote = sc.start_remote()
    sc.wait_isdn()
    sc.call()
    up = wait_until(sc.remote_up, timeout=45, interval=0.5,
                    what="the caller's LCP and IPCP open through l2tpns")

    # The caller: IPCP Open with an address of l2tpns' pool, and l2tpns
    # (not the LAC) authenticated it last.
    addr = up["local_address"]
    assert ipaddress.ip_address(addr) in ipaddress.ip_network(POOL), up
    assert up["direction"] == "out" and \
        up["called"] == l2tpnslib.LAC_NUMBER, up
    rlog = remote.log()
    assert 'from "LAC"' in rlog, rlog[-3000:]
    assert 'from "refLNS"' in rlog, rlog[-3000:]

    # l2tpns: one tunnel from LAC, the user's session with that address.
    sessions = wait_until(lambda: [s for s in lns.sessions()
                                   if s["username"] == sc.user],
                          timeout=10, what="l2tpns' session of the user")
    assert len(sessions) == 1, sessions
    assert sessions[0]["ip"] == addr, (sessions, addr)
    tunnels = lns.tunnels()
    assert [(t["hostname"], t["ip"], t["sessions"]) for t in tunnels] == \
        [("LAC", l2tpnslib.LAC_ADDR, 1)], tunnels

    # nasd: show vpdn json, 1 tunnel and 1 session, both established.
    v = sc.vpdn("lac")
    assert v["total_tunnels"] == 1 and v["total_sessions"] == 1, v
    t = v["tunnels"][0]
    assert t["remote_name"] == "refLNS" and t["state"] == "est", t
    assert t["remote_address"] == l2tpnslib.LNS_ADDR and t["initiator"], t
    s = v["sessions"][0]
    assert s["username"] == sc.user and s["state"] == "est", s
    la = lac.log()
    assert "VPDN: Looking for tunnel -- example.com --" in la, la[-3000:]
    assert "L2TP: I SCCRP from refLNS" in la
    assert "Tunnel Authentication success" in la
    assert "L2TP: O ICCN to refLNS" in la

    # Data through the tunnel: the caller pings l2tpns' tun0 address (it
    # routes the pool through tun0 and answers ICMP for its own address).
    before = s["pkts_in"]
    assert sc.ping("remote", TUN_ADDR, count=3), "ping %s failed" % TUN_ADDR
    after = [x for x in sc.vpdn("lac")["sessions"]
             if x["username"] == sc.user][0]
    assert after["pkts_in"] >= before + 3, (before, after)

    # The wire as nasd captured it: L2TP decodes, nothing malformed, and
    # every message of the dial-in setup is there.
    lac.stop()
    rows = l2tpnslib.tshark_fields(lac.l2tp_pcap, "l2tp.type == 1",
                                   ["l2tp.avp.message_type"])
    if rows is None:
        pytest.skip("tshark not installed (the rest passed)")
    types = {int(v) for r in rows for v in r[0].split(",") if v}
    assert {1, 2, 3, 10, 11, 12} <= types, types
    assert l2tpnslib.tshark_malformed(lac.l2tp_pcap) == ""
    # The ICCN carried the proxy LCP and proxy authentication AVPs that
    # l2tpns chose to ignore (26-33: LCP CONFREQs, CHAP type, name,
    # challenge, ID, response).
    iccn = l2tpnslib.tshark_fields(lac.l2tp_pcap,
                                   "l2tp.avp.message_type == 12",
                                   ["l2tp.avp.type"])
    assert len(iccn) == 1, iccn
    avps = {int(v) for v in iccn[0][0].split(",") if v}
    assert {26, 27, 28, 29, 30, 31, 32, 33} <= avps, avps
    assert TUNNEL_SECRET not in la and sc.user_secret not in la
    # l2tpns' side of the story: it took the ICCN, restarted LCP itself
    # and authenticated the user with CHAP through radresp.
    ll = lns.log()
    assert "Received ICCN" in ll, ll[-6000:]
    assert "LCP: send ConfigReq (CHAP)" in ll
    assert "CHAP User %s authentication allowed." % sc.user in ll
