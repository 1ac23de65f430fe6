# SPDX-License-Identifier: GPL-2.0-or-later
"""Dialer profiles and legacy rotary groups end to end (issue 5): nasd
routers with a BRI each on the built-in phone network.

a) Dialer profiles.  The hub has no address on its BRI; the BRI is
   `dialer pool-member 1` and two profiles draw on pool 1: Dialer1
   (`dialer remote-name r1`, `dialer string` of r1's number) and Dialer2
   (`dialer remote-name r2`, no string: it only takes r2's calls).  r2
   dials the hub; the hub binds the call to Dialer2 by the name r2
   authenticated with (%DIALER-6-BIND), IP flows, and when the call ends
   the channel is unbound (%DIALER-6-UNBIND).  Traffic on the hub for r1's
   subnet dials out through Dialer1 on the pool's BRI.

b) A legacy rotary group: seed 002's callback server with its maps on
   `interface Dialer1` and `dialer rotary-group 1` on BRI0 and BRI1.  The
   first call arrives on BRI1, the return call goes out through the group
   (the first member with a free channel: BRI0), and `show dialer` shows
   the call under Dialer1, in its member channel's block.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pstnlib  # noqa: E402
from nasnet import Nasd, Netns, wait_until  # noqa: E402

HUB_NUMBER = "81012345670100"
R1_NUMBER = "81012345670101"
R2_NUMBER = "81012345670102"

DEBUGS = ("dialer events", "ppp negotiation", "ppp authentication",
          "isdn events")


def pstn_body(*numbers):
    return "".join("subscriber %s\n isdn bri\n endpoint attach\n" % n
                   for n in numbers)


@pytest.fixture
def pstn():
    yield from pstnlib.serve(pstn_body(HUB_NUMBER, R1_NUMBER, R2_NUMBER))


@pytest.fixture
def third(net, request):
    """A third namespace and a way to start one nasd in it; stopped by PID
    at the end, its log printed when the test failed, a sanitizer report
    in it fails the test."""
    ns = Netns("nasd-c-%d" % os.getpid())
    started = []

    def start(name, config):
        n = Nasd(name, ns, net["dir"], config, debugs=DEBUGS)
        started.append(n)
        return n

    yield start
    failed = getattr(request.node, "rep_call", None)
    reports = []
    for n in started:
        n.stop()
        if failed is None or failed.failed:
            print("===== %s log =====\n%s" % (n.name, n.log()))
        if n.sanitizer_report():
            reports.append(n.sanitizer_report())
    ns.delete()
    assert not reports, "sanitizer reports:\n" + "\n".join(reports)


def isdn_up(n):
    for i in n.json("show isdn status")["interfaces"]:
        if i["interface"] == "BRI0" and i["layer2_up"]:
            return True
    return False


def dialers(n):
    return {d["interface"]: d for d in n.json("show dialer")["dialers"]}


def up_links(d):
    return [lk for lk in d["links"] if lk["state"] == "data link layer up"]


def common(hostname, users):
    return ("hostname %s\n"
            "service timestamps debug datetime msec\n"
            "service timestamps log datetime msec\n"
            "%s"
            "isdn switch-type basic-net3\n"
            % (hostname, "".join("username %s password 0 s3cret\n" % u
                                 for u in users)))


def hub_config(attach):
    return (common("hub", ("r1", "r2")) +
            "interface BRI0\n"
            " no ip address\n"
            " encapsulation ppp\n"
            " dialer pool-member 1\n"
            " ppp authentication chap\n"
            " pstn attach %s %s\n"
            "!\n"
            "interface Dialer1\n"
            " ip address 10.1.1.1 255.255.255.0\n"
            " encapsulation ppp\n"
            " dialer pool 1\n"
            " dialer remote-name r1\n"
            " dialer string %s\n"
            " dialer-group 1\n"
            " ppp authentication chap\n"
            "!\n"
            "interface Dialer2\n"
            " ip address 10.2.2.1 255.255.255.0\n"
            " encapsulation ppp\n"
            " dialer pool 1\n"
            " dialer remote-name r2\n"
            " dialer-group 1\n"
            " ppp authentication chap\n"
            "!\n"
            "dialer-list 1 protocol ip permit\n"
            "end\n" % (attach, HUB_NUMBER, R1_NUMBER))


def spoke_config(attach, name, number, addr, hub_addr, dial_hub):
    """A legacy dialer on the spoke's BRI: its map for the hub dials the
    hub's number (r2) or only names it (r1, which takes the hub's
    calls)."""
    return (common(name, ("hub",)) +
            "interface BRI0\n"
            " ip address %s 255.255.255.0\n"
            " encapsulation ppp\n"
            " dialer map ip %s name hub%s\n"
            " dialer-group 1\n"
            " ppp authentication chap\n"
            " pstn attach %s %s\n"
            "!\n"
            "dialer-list 1 protocol ip permit\n"
            "end\n" % (addr, hub_addr,
                       " " + HUB_NUMBER if dial_hub else "", attach,
                       number))


def ping(ns, addr, count=1, wait=1):
    return ns.run(["ping", "-n", "-c", str(count), "-i", "0.2", "-W",
                   str(wait), addr]).returncode == 0


def test_profiles_bind_by_name_and_dial_out(net, pstn, third):
    hub = net["start"]("hub", "a", hub_config(pstn.attach), debugs=DEBUGS)
    r2 = net["start"]("r2", "b",
                      spoke_config(pstn.attach, "r2", R2_NUMBER,
                                   "10.2.2.2", "10.2.2.1", True),
                      debugs=DEBUGS)
    r1 = third("r1", spoke_config(pstn.attach, "r1", R1_NUMBER,
                                  "10.1.1.2", "10.1.1.1", False))
    wait_until(lambda: isdn_up(hub) and isdn_up(r1) and isdn_up(r2),
               timeout=15, what="the three BRIs at layer 2")
    d = dialers(hub)
    assert sorted(d) == ["Dialer1", "Dialer2"]
    for name in ("Dialer1", "Dialer2"):
        assert d[name]["kind"] == "profile" and d[name]["links"] == []
    text = hub.cli("show dialer")
    assert "Dialer1 - dialer type = DIALER PROFILE" in text
    assert "Dialer2 - dialer type = DIALER PROFILE" in text

    # r2 dials the hub: the call binds to Dialer2 by r2's name.
    wait_until(lambda: ping(net["ns"]["b"], "10.2.2.1"), timeout=40,
               interval=0.5, what="a ping from r2 to the hub's Dialer2")
    lh = hub.log()
    assert "%DIALER-6-BIND: Interface BR0:" in lh
    bind = [l for l in lh.splitlines() if "%DIALER-6-BIND" in l]
    assert len(bind) == 1 and bind[0].endswith("bound to profile Di2"), bind
    channel = bind[0].split("Interface ")[1].split()[0]  # BR0:1 or BR0:2
    d = dialers(hub)
    assert d["Dialer1"]["links"] == []
    [lk] = up_links(d["Dialer2"])
    assert lk["direction"] == "incoming"
    assert lk["remote_name"] == "r2"
    assert lk["interface"] == channel.replace("BR", "BRI")
    text = hub.cli("show dialer interface Dialer2")
    assert "Dialer state is data link layer up" in text
    assert "Interface bound to profile %s" % lk["interface"] in text
    assert "Connected to %s (r2)" % R2_NUMBER in text
    assert ping(net["ns"]["b"], "10.2.2.1", count=3, wait=2)
    # r2 placed the call: its map, its legacy dialer.
    [r2link] = up_links(dialers(r2)["BRI0"])
    assert r2link["direction"] == "outgoing"
    assert r2link["number"] == HUB_NUMBER

    # The call ends (r2 clears it): the channel is unbound.
    r2.cli("clear interface BRI0")
    wait_until(lambda: not dialers(hub)["Dialer2"]["links"], timeout=20,
               what="the hub's Dialer2 without calls")
    unbind = [l for l in hub.log().splitlines()
              if "%DIALER-6-UNBIND" in l]
    assert len(unbind) == 1, unbind
    assert unbind[0].endswith("Interface %s unbound from profile Di2"
                              % channel)

    # Traffic for r1's subnet dials out through Dialer1 on the pool.
    wait_until(lambda: all(c["state"] == "released"
                           for c in pstn.calls()), timeout=10,
               what="r2's call released")
    wait_until(lambda: ping(net["ns"]["a"], "10.1.1.2"), timeout=40,
               interval=0.5, what="a ping from the hub to r1")
    lh = hub.log()
    assert "Di1 DDR: Attempting to dial %s" % R1_NUMBER in lh
    assert "bound to profile Di1" in lh
    d = dialers(hub)
    assert d["Dialer2"]["links"] == []
    [lk] = up_links(d["Dialer1"])
    assert lk["direction"] == "outgoing"
    assert lk["number"] == R1_NUMBER and lk["remote_name"] == "r1"
    assert lk["interface"].startswith("BRI0:")
    assert d["Dialer1"]["dial_strings"][0]["number"] == R1_NUMBER
    assert d["Dialer1"]["dial_strings"][0]["successes"] == 1
    calls = pstn.calls()
    assert [(c["caller"], c["callee"]) for c in calls] == [
        (R2_NUMBER, HUB_NUMBER), (HUB_NUMBER, R1_NUMBER)]
    [r1link] = up_links(dialers(r1)["BRI0"])
    assert r1link["direction"] == "incoming"
    assert r1link["remote_name"] == "hub"
    assert ping(net["ns"]["a"], "10.1.1.2", count=3, wait=2)
    out = hub.log() + r1.log() + r2.log()
    assert "s3cret" not in out
    assert hub.alive() and r1.alive() and r2.alive()


# ---- b) a legacy rotary group: seed 002's callback server on Dialer1 ----

SERVER_NUMBER = "81012345678902"    # dallas, 10.1.1.7: BRI0
SERVER_NUMBER_2 = "81012345678903"  # dallas: BRI1, the group's second
CLIENT_NUMBER = "81012345678901"    # atlanta, 10.1.1.8


@pytest.fixture
def pstn_rotary():
    yield from pstnlib.serve(pstn_body(CLIENT_NUMBER, SERVER_NUMBER, SERVER_NUMBER_2))


def rotary_server_config(attach):
    """Seed 002's server interface moved onto `interface Dialer1`; the
    BRIs only carry its calls (`dialer rotary-group 1`) and take their
    PPP parameters from it."""
    return (common("dallas", ("atlanta",)) +
            "interface BRI0\n"
            " no ip address\n"
            " encapsulation ppp\n"
            " dialer rotary-group 1\n"
            " pstn attach %s %s\n"
            "!\n"
            "interface BRI1\n"
            " no ip address\n"
            " encapsulation ppp\n"
            " dialer rotary-group 1\n"
            " pstn attach %s %s\n"
            "!\n"
            "interface Dialer1\n"
            " ip address 10.1.1.7 255.255.255.0\n"
            " encapsulation ppp\n"
            " dialer callback-secure\n"
            " dialer enable-timeout 2\n"
            " dialer map ip 10.1.1.8 name atlanta class dial1 %s\n"
            " dialer-group 1\n"
            " ppp callback accept\n"
            " ppp authentication chap\n"
            "!\n"
            "map-class dialer dial1\n"
            " dialer callback-server username\n"
            "dialer-list 1 protocol ip permit\n"
            "end\n" % (attach, SERVER_NUMBER, attach, SERVER_NUMBER_2,
                       CLIENT_NUMBER))


def client_config(attach):
    """Seed 002's callback client, verbatim on its BRI; it dials the
    server's second BRI."""
    return (common("atlanta", ("dallas",)) +
            "interface BRI0\n"
            " ip address 10.1.1.8 255.255.255.0\n"
            " encapsulation ppp\n"
            " dialer map ip 10.1.1.7 name dallas %s\n"
            " dialer-group 1\n"
            " ppp callback request\n"
            " ppp authentication chap\n"
            " pstn attach %s %s\n"
            "!\n"
            "dialer-list 1 protocol ip permit\n"
            "end\n" % (SERVER_NUMBER_2, attach, CLIENT_NUMBER))


def bri_up(n, names):
    up = {i["interface"] for i in n.json("show isdn status")["interfaces"]
          if i["layer2_up"]}
    return all(x in up for x in names)


def test_rotary_group_callback(net, pstn_rotary):
    pstn = pstn_rotary
    a = net["start"]("dallas", "a", rotary_server_config(pstn.attach),
                     debugs=DEBUGS)
    b = net["start"]("atlanta", "b", client_config(pstn.attach),
                     debugs=DEBUGS)
    wait_until(lambda: bri_up(a, ("BRI0", "BRI1")) and
               bri_up(b, ("BRI0",)), timeout=15,
               what="the BRIs at layer 2")
    # One dialer, the rotary leader; the BRIs are its members, not
    # dialers of their own.
    d = dialers(a)
    assert list(d) == ["Dialer1"]
    assert d["Dialer1"]["kind"] == "legacy"
    assert d["Dialer1"]["enable_s"] == 2
    assert d["Dialer1"]["links"] == []

    wait_until(lambda: ping(net["ns"]["b"], "10.1.1.7"), timeout=60,
               interval=0.5, what="a ping from atlanta to 10.1.1.7")
    la, lb = a.log(), b.log()
    # The client's call arrives on BRI1, callback-secure judges it by
    # Dialer1's map, and the return call goes out through the group: on
    # the first member with a free channel, BRI0.
    assert "DDR: Callback received from atlanta %s" % CLIENT_NUMBER in la
    assert "Di1 DDR: Callback timer expired" in la
    assert "Di1 DDR: beginning callback to atlanta %s" % CLIENT_NUMBER \
        in la
    assert "Di1 DDR: Attempting to dial %s" % CLIENT_NUMBER in la
    assert "%DIALER-6-CALLBACK: BRI1:" in la
    assert "BR0 DDR: waiting for callback from dallas" in lb
    assert "DDR: callback from dallas connected" in lb
    calls = pstn.calls()
    assert [(c["caller"], c["callee"]) for c in calls][:2] == [
        (CLIENT_NUMBER, SERVER_NUMBER_2), (SERVER_NUMBER, CLIENT_NUMBER)]
    d = dialers(a)["Dialer1"]
    assert d["counters"]["callbacks"] == 1
    [lk] = up_links(d)
    assert lk["direction"] == "outgoing" and lk["callback_return"]
    assert lk["number"] == CLIENT_NUMBER
    assert lk["remote_name"] == "atlanta"
    assert lk["interface"].startswith("BRI0:")
    assert d["dial_strings"][0]["number"] == CLIENT_NUMBER
    assert d["dial_strings"][0]["successes"] == 1
    # show dialer: the call under Dialer1, in its member's block.
    text = a.cli("show dialer")
    assert text.startswith("Dialer1 - dialer type = ISDN")
    assert "Wait for carrier (30 secs), Re-enable (2 secs)" in text
    assert "%s - dialer type = ISDN" % lk["interface"] in text
    assert "Connected to %s (atlanta)" % CLIENT_NUMBER in text
    assert ping(net["ns"]["b"], "10.1.1.7", count=3, wait=2)
    assert "s3cret" not in la + lb
    assert a.alive() and b.alive()
