# SPDX-License-Identifier: GPL-2.0-or-later
"""L2TP LAC dial-in from an analog MODEM call (issue 6): the existing L2TP
tests tunnel ISDN data calls (sync PPP); this one tunnels an async PPP
call that a digital modem of the LAC answered.

Topology (l2tpnslib.ModemLacScenario, configurations in l2tp/):

  nasdial (namespace remote, analog subscriber 5279651)
    --voice call--> LAC (nasd, E1 PRI 8211, `isdn incoming-voice modem`,
                    digital modems on lines 1-4 of Group-Async1,
                    l2tp/lac_modem.cfg)
  LAC 18.18.18.1 --veth Serial0-- 18.18.18.2 nasd LNS (l2tp/lns.cfg)

nasdial dials 8211 through its Hayes modem; the LAC's digital modem
answers, the line autoselects PPP, LCP (async: ACCM, PFC, ACFC) and CHAP
run on the LAC; "user@example.com" is tunnelled by domain (RFC 2661
section 4.4.4: the ICRQ's Bearer Type says analog, the ICCN's Framing
Type async; section 4.4.5: the ICCN's proxy LCP and proxy
authentication).  The LNS builds Virtual-Access1 from Virtual-Template1,
keeps the caller's async options, gives it an address of its pool "vpdn"
(10.30.0.10-50) and sends Set-Link-Info with the ACCMs it agreed
(section 4.4.6), which the LAC's relay applies to its HDLC framing.
Hanging up the modem call makes the LAC send CDN with Result Code 1,
lost carrier (section 4.4.2), and removes the LNS's Virtual-Access.

Two more tests keep two bugs this topology showed from coming back: the
first PPP frame lost at autoselect when the sample spans two reads, and
a modem call without its called number (DNIS).
"""

import ipaddress
import os
import re
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import l2tpnslib  # noqa: E402
from l2tpnslib import LAC_ADDR, LNS_ADDR  # noqa: E402
from nasnet import wait_until  # noqa: E402

TUNNEL_SECRET = "modem-tunnel-s3cret"
POOL = ipaddress.ip_network("10.30.0.0/24")
LNS_LOOPBACK = "10.30.0.1"

# RFC 2661 section 6: message types.
ICRQ, ICCN, CDN, SLI = 10, 12, 14, 16


@pytest.fixture
def sc(request):
    yield from l2tpnslib.modem_lac_scenario(request, "l2tp-modem-")


def one(rows, what):
    assert len(rows) == 1, "%s: %r" % (what, rows)
    return rows[0]


def live_sessions(sc, node):
    return sc.vpdn(node)["total_sessions"]


def wait_up(d, timeout=45):
    """nasdial's status once it is up; an AssertionError with its exit
    code and log as soon as it exits instead (nasnet's wait_state would
    keep polling a dead process until the timeout)."""
    def up():
        if d.proc.poll() is not None:
            return "exited"
        st = d.status()
        return st if st and st["state"] == "up" else None
    r = wait_until(up, timeout=timeout, interval=0.2,
                   what="nasdial up through the tunnel")
    if r == "exited":
        raise AssertionError("nasdial exited %s:\n%s" % (
            d.proc.returncode, d.log()[-3000:]))
    return r


def lns_established(sc):
    v = sc.vpdn("lns")
    if v["total_sessions"] == 1 and v["sessions"][0]["state"] == "est":
        return v
    return None


def ip_packets_at_least(d, n):
    """nasdial's status once it counts n IP packets each way, else
    None."""
    st = d.status()
    ppp = (st or {}).get("ppp") or {}
    if ppp.get("rx_ip_packets", 0) >= n and ppp.get("tx_ip_packets", 0) >= n:
        return st
    return None


def test_l2tp_lac_forwards_modem_call(sc):
    """nasdial's analog call to the LAC's PRI comes up through the tunnel
    to the nasd LNS with an address of its pool; both ends list one
    tunnel and one session; the LAC's Async interface is in stage
    Forward; pings cross the tunnel both ways; the capture shows bearer
    analog, framing async and Set-Link-Info; hanging up sends CDN from
    the LAC and removes Virtual-Access1."""
    lns = sc.start_nasd_lns(TUNNEL_SECRET)
    lac = sc.start_lac(TUNNEL_SECRET)
    d = sc.dial()

    # nasdial: LCP and IPCP up, the address from the LNS's pool, the
    # LNS's Loopback0 as peer, and the LNS (not the LAC) as the IPCP
    # server: the LAC only ran LCP and CHAP.
    st = wait_up(d)
    ppp = st["ppp"]
    assert ppp["lcp"] == "Open" and ppp["ipcp"] == "Open", st
    assert ppp["auth"] == "CHAP", st
    addr = ppp["local_address"]
    assert ipaddress.ip_address(addr) in POOL and addr != LNS_LOOPBACK, st
    assert ppp["peer_address"] == LNS_LOOPBACK, st
    assert st["tun"] == "dial0" and st["number"] == l2tpnslib.LAC_NUMBER
    dlog = d.log()
    assert "CHAT: Sending string: ATDT\\T<%s>" % l2tpnslib.LAC_NUMBER \
        in dlog, dlog[-3000:]
    assert 'CHAP: I CHALLENGE id' in dlog and 'from "LAC"' in dlog, \
        dlog[-3000:]

    # The LAC: the digital modem's line forwarded by domain.
    la = lac.log()
    assert "VPDN: Looking for tunnel -- example.com --" in la, la[-4000:]
    m = re.search(r"(As\d+) VPDN: %s is forwarded" % re.escape(sc.user),
                  la)
    assert m, la[-4000:]
    ifshort = m.group(1)
    ifname = "Async" + ifshort[2:]
    assert "%s VPDN: Forward to address %s" % (ifshort, LNS_ADDR) in la
    assert "digital modem allocated for a call from %s" \
        % l2tpnslib.MODEM_CALLER_NUMBER in la, la[-4000:]
    rows = [s for s in lac.json("show ppp all")["sessions"]
            if s["interface"] == ifname]
    row = one(rows, "show ppp all on the LAC")
    assert row["stage"] == "Forward", row
    assert row["lcp"] == "Open", row
    text = lac.cli("show ppp all")
    assert re.search(r"^%s\s.*\sForward\s" % ifshort, text, re.M), text

    # show vpdn json: one tunnel, one session, established, on both.
    v = sc.vpdn("lac")
    assert (v["total_tunnels"], v["total_sessions"]) == (1, 1), v
    t = v["tunnels"][0]
    assert t["state"] == "est" and t["remote_name"] == "LNS", t
    assert t["remote_address"] == LNS_ADDR and t["initiator"], t
    s = v["sessions"][0]
    assert s["username"] == sc.user and s["state"] == "est", s
    vl = wait_until(lambda: lns_established(sc), timeout=10,
                    what="the LNS's session established")
    assert vl["total_tunnels"] == 1, vl
    tl = vl["tunnels"][0]
    assert tl["state"] == "est" and tl["remote_name"] == "LAC", tl
    assert tl["remote_address"] == LAC_ADDR and not tl["initiator"], tl
    assert vl["sessions"][0]["username"] == sc.user, vl

    # The LNS's Virtual-Access1: LCP and IPCP Open, the caller's address.
    va = one(lns.json("show interfaces Virtual-Access1")["interfaces"],
             "show interfaces Virtual-Access1 json")
    assert va["name"] == "Virtual-Access1", va
    assert va["lcp"] == "Open" and va["ipcp"] == "Open", va
    assert va["peer_address"] == addr, va
    # It kept the caller's async options: the ACCM nasdial asks for
    # (0x000A0000, doc/nasdial.md) both ways.
    assert (va["tx_accm"], va["rx_accm"]) == (0x000A0000, 0x000A0000), va

    # Traffic both ways through the relay's async re-framing: the LNS
    # pings nasdial's TUN address, nasdial's namespace pings the LNS.
    before = s["pkts_in"]
    assert sc.ping("lns", addr, count=3), "ping from the LNS to %s" % addr
    assert sc.ping("remote", LNS_LOOPBACK, count=3), \
        "ping from nasdial's namespace to %s" % LNS_LOOPBACK
    after = one([x for x in sc.vpdn("lac")["sessions"]
                 if x["username"] == sc.user], "the LAC's session")
    assert after["pkts_in"] >= before + 6, (s, after)
    # nasdial's counters (its status file is rewritten every half second
    # while something moves).
    st = wait_until(lambda: ip_packets_at_least(d, 6), timeout=5,
                    what="nasdial's IP counters at 6 each way")

    # Hang up: nasdial ends the link (LCP Terminate-Request, then DTR
    # off); the LAC's line loses the call and sends CDN; the LNS's
    # Virtual-Access goes away.
    assert d.stop() == 0, d.log()[-3000:]
    wait_until(lambda: live_sessions(sc, "lac") == 0 and
               live_sessions(sc, "lns") == 0, timeout=20, interval=0.2,
               what="no VPDN session left on the LAC and the LNS")
    names = [i["name"] for i in lns.json("show interfaces")["interfaces"]]
    assert "Virtual-Access1" not in names, names
    la, ln = lac.log(), lns.log()
    assert re.search(r"L2TP: O CDN to LNS", la), la[-4000:]
    assert "I CDN from LAC" in ln, ln[-4000:]
    for name, text in (("LAC", la), ("LNS", ln), ("nasdial", d.log())):
        assert TUNNEL_SECRET not in text, name
        assert sc.user_secret not in text, name

    # The wire as the LAC captured it.
    lac.stop()
    lns.stop()
    if not shutil.which("tshark"):
        pytest.skip("tshark not installed (the rest passed)")
    pcap = lac.l2tp_pcap
    assert l2tpnslib.tshark_malformed(pcap) == ""
    assert l2tpnslib.tshark_malformed(lns.l2tp_pcap) == ""
    icrq = one(l2tpnslib.tshark_fields(
        pcap, "l2tp.avp.message_type == %d" % ICRQ,
        ["ip.src", "l2tp.avp.analog_bearer_type",
         "l2tp.avp.digital_bearer_type", "l2tp.avp.calling_number"]),
        "ICRQ")
    assert icrq[0] == LAC_ADDR, icrq
    assert icrq[1] in ("1", "True") and icrq[2] in ("0", "False"), icrq
    assert icrq[3] == l2tpnslib.MODEM_CALLER_NUMBER, icrq
    iccn = one(l2tpnslib.tshark_fields(
        pcap, "l2tp.avp.message_type == %d" % ICCN,
        ["ip.src", "l2tp.avp.async_framing_type",
         "l2tp.avp.sync_framing_type", "l2tp.avp.connect_speed"]), "ICCN")
    assert iccn[0] == LAC_ADDR, iccn
    assert iccn[1] in ("1", "True") and iccn[2] in ("0", "False"), iccn
    assert int(iccn[3]) == st["connect_speed"], (iccn, st)
    # ... with the proxy LCP (26-28) and proxy authentication (29-33)
    # AVPs the LNS started Virtual-Access1 from.
    avps = one(l2tpnslib.tshark_fields(
        pcap, "l2tp.avp.message_type == %d" % ICCN, ["l2tp.avp.type"]),
        "ICCN AVPs")
    types = {int(x) for x in avps[0].split(",") if x}
    assert set(range(26, 34)) <= types, types
    # The LNS told the LAC the ACCMs it agreed with the caller.
    sli = l2tpnslib.tshark_fields(
        pcap, "l2tp.avp.message_type == %d" % SLI,
        ["ip.src", "l2tp.avp.send_accm", "l2tp.avp.receive_accm"])
    assert sli and all(r[0] == LNS_ADDR for r in sli), sli
    assert {(int(r[1]), int(r[2])) for r in sli} == \
        {(va["tx_accm"], va["rx_accm"])}, (sli, va)
    cdn = one(l2tpnslib.tshark_fields(
        pcap, "l2tp.avp.message_type == %d" % CDN,
        ["ip.src", "l2tp.result_code"]), "CDN")
    # Result Code 1, lost carrier (section 4.4.2): the caller released
    # the modem call.
    assert cdn == [LAC_ADDR, "1"], cdn


# The autoselect sample (line_autoselect_sample: the first four octets,
# "7E FF 7D 23") can span reads: the modem paces its output and an idle
# line sends the first octet of a burst at once, the rest a tick (10 ms)
# later, so the 7E of the caller's first frame arrives alone.  Once PPP
# is chosen, only the octets sampled from the current read may be
# skipped; skipping all four dropped the octet after the sample, the
# frame failed its FCS and LCP opened only after the LAC's restart timer
# ("As1 LCP: TIMEout: State ACKrcvd", 2 s).


def test_l2tp_modem_autoselect_keeps_first_frame(sc):
    """The frame that made autoselect choose PPP is PPP's first frame:
    the LAC's LCP opens without a restart and Async1 counts no CRC
    error."""
    sc.start_nasd_lns(TUNNEL_SECRET)
    lac = sc.start_lac(TUNNEL_SECRET)
    d = sc.dial()
    wait_up(d)
    la = lac.log()
    assert "Autoselect cmd: ppp negotiate" in la, la[-4000:]
    m = re.search(r"(As\d+) VPDN: %s is forwarded" % re.escape(sc.user),
                  la)
    assert m, la[-4000:]
    ifshort = m.group(1)
    opened = la.index("%s LCP: State is Open" % ifshort)
    assert "%s LCP: TIMEout" % ifshort not in la[:opened], \
        la[:opened][-3000:]
    i = lac.interface("Async" + ifshort[2:])
    assert i["counters"]["crc"] == 0, i


DNIS_USER = "dialer"

@pytest.fixture
def sc_dnis(request):
    yield from l2tpnslib.modem_lac_scenario(request, "l2tp-modem-dnis-",
                                            user=DNIS_USER)


def test_l2tp_modem_call_tunnelled_by_dnis(sc_dnis):
    """request-dialin by `dnis 8211` (`vpdn search-order dnis domain`):
    the caller "dialer" has no domain; the LAC tunnels the call by the
    number it dialled, as an IOS AS5x00 wholesale LAC does, and the ICRQ
    carries Called Number 8211 (RFC 2661 section 4.4.4)."""
    sc = sc_dnis
    sc.start_nasd_lns(TUNNEL_SECRET)
    lac = sc.start_lac(TUNNEL_SECRET,
                       dialin="  dnis %s\n" % l2tpnslib.LAC_NUMBER)
    d = sc.dial()
    st = wait_up(d)
    assert ipaddress.ip_address(st["ppp"]["local_address"]) in POOL, st
    la = lac.log()
    assert "VPDN: Got DNIS string %s" % l2tpnslib.LAC_NUMBER in la, \
        la[-4000:]
    assert "VPDN: %s is forwarded" % DNIS_USER in la, la[-4000:]
    lac.stop()
    if not shutil.which("tshark"):
        pytest.skip("tshark not installed (the rest passed)")
    icrq = one(l2tpnslib.tshark_fields(
        lac.l2tp_pcap, "l2tp.avp.message_type == %d" % ICRQ,
        ["l2tp.avp.called_number"]), "ICRQ")
    assert icrq == [l2tpnslib.LAC_NUMBER], icrq


REMOTE2 = "remote2@example.com"
REMOTE2_SECRET = "R2-chap-s3cret"
REMOTE2_ADDR = "17.17.17.2"


def dialout_configs(sc):
    """(LAC, LNS, remote) configurations for an LNS dial-out through the
    LAC's digital modems to the analog subscriber 5279651."""
    lac = l2tpnslib.lac_config(
        "lac_modem", attach=sc.pstn.attach, lns_addr=LNS_ADDR,
        lac_addr=LAC_ADDR, tunnel_secret=TUNNEL_SECRET,
        dialin="  domain example.com\n",
        group_extra=(" accept-dialout\n  protocol l2tp\n  dialer 1\n"))
    lac = lac.replace(" group-range 1 4\n", " group-range 1 4\n" + "".join(
        "interface Async%d\n dialer rotary-group 1\n" % n
        for n in range(1, 5)))
    lac = lac.replace(
        "line 1 4\n",
        'chat-script dialout ABORT BUSY ABORT "NO CARRIER" "" '
        '"ATDT \\T" TIMEOUT 30 CONNECT \\c\n'
        "interface Dialer1\n ip unnumbered Loopback0\n"
        " encapsulation ppp\n dialer in-band\n"
        "line 1 4\n script dialer dialout\n")
    lns = l2tpnslib.lac_config(
        "lns", user=sc.user, user_secret=sc.user_secret,
        tunnel_secret=TUNNEL_SECRET,
        group_extra=(" request-dialout\n  protocol l2tp\n  pool-member 1\n"
                     " initiate-to ip %s\n source-ip %s\n"
                     % (LAC_ADDR, LNS_ADDR)))
    lns = lns.replace("end\n", (
        "username %s password 0 %s\n"
        "interface Dialer1\n ip unnumbered Loopback0\n"
        " encapsulation ppp\n dialer pool 1\n dialer remote-name %s\n"
        " dialer string %s\n dialer vpdn\n dialer-group 1\n"
        " ppp authentication chap callin\n ppp chap hostname LNS\n"
        "ip route %s 255.255.255.255 Dialer1\n"
        "dialer-list 1 protocol ip permit\nend\n")
        % (REMOTE2, REMOTE2_SECRET, REMOTE2,
           l2tpnslib.MODEM_CALLER_NUMBER, REMOTE2_ADDR))
    remote = (
        "hostname remote2\n"
        "service timestamps debug datetime msec\n"
        "username LNS password 0 %s\n"
        "interface Loopback0\n ip address %s 255.255.255.255\n"
        "interface Async1\n ip unnumbered Loopback0\n encapsulation ppp\n"
        " async mode dedicated\n ppp authentication chap\n"
        " ppp chap hostname %s\n"
        "ip route %s 255.255.255.255 Async1\n"
        "line 1\n modem InOut\n device pstn:%s:%s\n"
        "end\n" % (REMOTE2_SECRET, REMOTE2_ADDR, REMOTE2, LNS_LOOPBACK,
                   sc.pstn.attach, l2tpnslib.MODEM_CALLER_NUMBER))
    return lac, lns, remote


def test_l2tp_lac_dials_out_on_a_modem(sc):
    """RFC 2661 section 5.2.2 on analog lines (seed 004's dial-out with
    remote2 behind a modem): a ping on the LNS to remote2's address
    raises Dialer1 (`dialer vpdn`), the LNS opens the tunnel and sends
    OCRQ; the LAC's accept-dialout dialer has the digital-modem lines,
    one runs `script dialer` with the called number, the modem call is
    answered by remote2's modem line; OCRP/OCCN (framing async), then
    CHAP (remote2 authenticates the LNS) and IPCP between the LNS's
    Virtual-Access and remote2 through the LAC's relay; the ping gets
    through; `clear` on the LNS hangs the modem call up."""
    import nasnet
    lac_cfg, lns_cfg, remote_cfg = dialout_configs(sc)
    subprocess.run(["ip", "-n", sc.ns["lns"].name, "addr", "replace",
                    LNS_LOOPBACK + "/32", "dev", "lo"], check=True)
    lns = l2tpnslib.NasdL2tp.start("LNS", sc.ns["lns"], sc.wd, lns_cfg,
                                   l2tpnslib.LNS_DEBUGS + ("dialer events",))
    sc.nasd["lns"] = lns
    lac = l2tpnslib.NasdL2tp.start(
        "LAC", sc.ns["lac"], sc.wd, lac_cfg,
        l2tpnslib.LAC_MODEM_DEBUGS + ("dialer events", "chat"))
    sc.nasd["lac"] = lac
    remote = nasnet.Nasd("remote2", sc.ns["remote"], sc.wd, remote_cfg,
                         debugs=nasnet.Nasd.DEBUGS)
    sc.nasd["remote"] = remote
    wait_until(lambda: any(i["interface"] == "Serial0:15" and
                           i["layer2_up"] for i in
                           lac.json("show isdn status")["interfaces"]),
               timeout=20, what="ISDN layer 2 on the LAC's PRI")
    subprocess.run(["ip", "-n", sc.ns["remote"].name, "addr", "replace",
                    REMOTE2_ADDR + "/32", "dev", "lo"], check=True)

    # Traffic for remote2 raises the dial-out.
    sc.ping("lns", REMOTE2_ADDR, count=1, wait=1)
    wait_until(lambda: nasnet.lcp_ipcp_open(remote, "Async1"), timeout=60,
               interval=0.5, what="remote2's PPP up through the LAC")
    la, ln = lac.log(), lns.log()
    assert "CHAT" in la and "ATDT" in la, la[-4000:]
    m = re.search(r"(As\d+) DDR: Attempting to dial %s"
                  % l2tpnslib.MODEM_CALLER_NUMBER, la)
    assert m, la[-4000:]
    assert "VPDN: Bind interface direction=1" in la, la[-4000:]
    assert "%DIALER-6-BIND: Interface Vi" in ln, ln[-4000:]
    v = sc.vpdn("lac")
    assert v["total_sessions"] == 1, v
    assert wait_until(lambda: sc.ping("lns", REMOTE2_ADDR, count=2),
                      timeout=20, interval=1,
                      what="a ping from the LNS to remote2"), ln[-3000:]
    # The capture: OCRQ, OCRP, OCCN with framing async.
    if shutil.which("tshark"):
        lac.stop()
        occn = one(l2tpnslib.tshark_fields(
            lac.l2tp_pcap, "l2tp.avp.message_type == 9",
            ["ip.src", "l2tp.avp.async_framing_type",
             "l2tp.avp.sync_framing_type"]), "OCCN")
        assert occn[0] == LAC_ADDR, occn
        assert occn[1] in ("1", "True") and occn[2] in ("0", "False"), \
            occn
        assert l2tpnslib.tshark_malformed(lac.l2tp_pcap) == ""
