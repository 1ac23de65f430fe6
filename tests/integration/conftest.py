# SPDX-License-Identifier: GPL-2.0-or-later
"""pytest fixtures for the nasd integration tests: namespaces, pty pairs
and nasd processes that are always stopped by PID, with logs printed when
a test fails."""

import os
import shutil
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
from nasnet import Nasd, Netns, PtyPair  # noqa: E402


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture
def net(request):
    """Two namespaces, a pty pair, and whatever nasds the test starts;
    everything is stopped by PID at the end and logs are printed when the
    test failed."""
    try:
        nasnet.need_root()
    except nasnet.SetupError as e:
        pytest.skip(str(e))
    wd = nasnet.workdir()
    tag = "%d" % os.getpid()
    ns = {"a": Netns("nasd-a-" + tag), "b": Netns("nasd-b-" + tag)}
    state = {"dir": wd, "ns": ns, "nasd": [], "pty": None}

    def start_pty(corrupt=0.0):
        state["pty"] = PtyPair(wd, corrupt=corrupt)
        return state["pty"]

    def start(name, nsname, config, pcap=False, debugs=Nasd.DEBUGS):
        n = Nasd(name, ns[nsname], wd, config, pcap=pcap, debugs=debugs)
        state["nasd"].append(n)
        return n

    state["start_pty"] = start_pty
    state["start"] = start
    yield state
    failed = getattr(request.node, "rep_call", None)
    reports = []
    for n in state["nasd"]:
        n.stop()
        if failed is None or failed.failed:
            print("===== %s log =====\n%s" % (n.name, n.log()))
        if n.sanitizer_report():
            reports.append("%s:\n%s" % (n.name, n.sanitizer_report()))
    if state["pty"]:
        state["pty"].stop()
    for n in ns.values():
        n.delete()
    shutil.rmtree(wd, ignore_errors=True)
    assert not reports, "sanitizer reports:\n" + "\n".join(reports)
