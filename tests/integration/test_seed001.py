# SPDX-License-Identifier: GPL-2.0-or-later
"""Seed 001 end to end, as the README's main job runs it (seed001.py): the
AS5200's configuration from the tech note in nasd, its PRI on the built-in
phone network, nasdial as the Windows PC asking to be called back at
527-9651.  Every step of the seed's trace must happen, `show caller` must
show the return call, and tshark must decode every frame of both captures
(LCP, CHAP, CBCP, IPCP, IP) with no malformed one."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
import pstnlib  # noqa: E402
import seed001  # noqa: E402


@pytest.fixture
def scenario(net, request):
    why = pstnlib.missing()
    if why:
        pytest.skip(why)
    if not os.access(nasnet.NASDIAL, os.X_OK):
        pytest.skip("%s not built (run make)" % nasnet.NASDIAL)
    sc = seed001.Scenario(net["dir"], net["ns"]["a"], net["ns"]["b"])
    net["nasd"].append(sc.nasd)  # stopped and checked by the net fixture
    yield sc
    sc.stop()
    failed = getattr(request.node, "rep_call", None)
    if sc.pc and (failed is None or failed.failed):
        print("===== the PC (nasdial) log =====\n" + sc.pc.log())
        print("===== pstn log =====\n" + sc.pstn.log()[-20000:])
    report = sc.pc.sanitizer_report() if sc.pc else ""
    sc.pstn.cleanup()
    assert not report, "nasdial sanitizer report:\n" + report


def test_seed001_callback_end_to_end(scenario):
    sc = scenario
    checks = sc.run()
    failed = [what for what, ok in checks if not ok]
    assert not failed, "steps that did not happen: %s" % failed

    # show caller: the user on the return call, and the callback.
    callers = sc.nasd.json("show caller")["callers"]
    mine = [c for c in callers if c["user"] == "callmeback"]
    assert len(mine) == 1, callers
    assert mine[0]["return_call"] is True
    assert mine[0]["callback"] == ("return call (callback) for callmeback "
                                   "at 527-9651")
    text = sc.show("show caller full")
    assert "callmeback" in text and "PPP" in text
    assert ("Callback: return call (callback) for callmeback at 527-9651"
            in text)

    # The PC's view: CBCP type 2 at 527-9651 with delay 15, called back.
    cb = sc.status["callback"]
    assert cb["mode"] == "ask" and cb["agreed"] and cb["return_call"]
    assert cb["number"] == "527-9651" and cb["delay"] == 15
    assert sc.status["ppp"]["local_address"] in seed001.POOL
    log = sc.pc.log()
    first, second = log.split("nasdial: waiting for the return call")
    assert "Callback 6 (0x0D0306)" in first
    assert "Callback 6" not in second  # not asked again (seed 001)
    # Secrets never reach a log.
    assert seed001.SECRET not in sc.nasd.log()
    assert seed001.SECRET not in log

    # The captures: every frame decodes, CBCP included.
    assert sc.pc.stop() == 0
    assert sc.nasd.stop() == 0
    for path in (sc.nasd.pcap, sc.pc_pcap):
        ok, text = seed001.check_pcap(path, seed001.PCAP_PROTOCOLS)
        if ok is None:
            pytest.skip(text)
        assert ok, "%s: %s" % (path, text)
