# SPDX-License-Identifier: GPL-2.0-or-later
"""`nasd --check` (issue 2, "Done when" 5): the seed configurations load
and print back; a typo is reported as FILE:LINE: message with exit 2."""

import os
import subprocess

import pytest

import nasnet

VECTORS = os.path.join(nasnet.ROOT, "tests", "vectors")


def check(path):
    if not os.access(nasnet.NASD, os.X_OK):
        pytest.skip("build/nasd not built")
    return subprocess.run([nasnet.NASD, "-f", path, "--check"],
                          capture_output=True, text=True, timeout=30)


def test_seed001_as5200_config_checks_clean():
    r = check(os.path.join(VECTORS, "seed001-as5200.cfg"))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    for line in ("hostname isdn2-2", "interface Group-Async1",
                 " ppp callback accept", " group-range 1 12",
                 "ip local pool default 172.16.25.59 172.16.25.62",
                 "router eigrp 202", "line 1 6", " modem InOut", "end"):
        assert line in out, "missing %r in:\n%s" % (line, out)
    # The printed configuration is itself a valid configuration.
    again = os.path.join(nasnet.workdir(), "again.cfg")
    with open(again, "w") as f:
        f.write(out)
    r2 = check(again)
    assert r2.returncode == 0, r2.stderr
    assert r2.stdout == out


def test_typo_is_file_line_error(tmp_path):
    cfg = tmp_path / "typo.cfg"
    cfg.write_text("hostname nas\n!\ninterfce Async1\n encapsulation ppp\n")
    r = check(str(cfg))
    assert r.returncode == 2
    assert "%s:3:" % cfg in r.stderr, r.stderr
    assert r.stdout == ""


# Seeds 002 (PPP callback for DDR) and 003 (asynchronous callback): every
# example loads as printed in the seed (its typographic quotes quote like
# ASCII ones), prints back with its DDR lines typed, and the output is a fixpoint.
SEED_VECTORS = {
    "seed002-atlanta.cfg": [
        "interface BRI0", " dialer callback-secure",
        " dialer enable-timeout 2",
        " dialer map ip 10.1.1.8 name atlanta class dial1 81012345678901",
        " dialer-group 1", "map-class dialer dial1",
        " dialer callback-server username"],
    "seed002-dallas.cfg": [
        "interface BRI0",
        " dialer map ip 10.1.1.7 name dallas 81012345678902",
        " dialer-group 1", " ppp callback request"],
    "seed003-ppp-client.cfg": [
        "username Ted callback-dialstring 1234567 "
        "callback-rotary 77 password Rhoda",
        "interface Async7", " ppp callback accept", " rotary 77"],
    "seed003-exec-callback.cfg": [
        "username milarepa callback-dialstring \"\" "
        "password letmein", "service exec-callback"],
    "seed003-arap-callback.cfg": [
        "username excalibur callback-dialstring 123456 "
        "callback-line 7 password guenivere", " arap enable"],
}


@pytest.mark.parametrize("name", sorted(SEED_VECTORS))
def test_seed002_003_configs_check_clean(name):
    r = check(os.path.join(VECTORS, name))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    for line in SEED_VECTORS[name]:
        assert line + "\n" in out, "missing %r in:\n%s" % (line, out)
    # The DDR commands are typed: none is "accepted, not implemented".
    assert "dialer" not in r.stderr and "map-class" not in r.stderr
    again = os.path.join(nasnet.workdir(), "again-" + name)
    with open(again, "w") as f:
        f.write(out)
    r2 = check(again)
    assert r2.returncode == 0, r2.stderr
    assert r2.stdout == out


def test_ddr_error_is_file_line(tmp_path):
    cfg = tmp_path / "ddr.cfg"
    cfg.write_text("interface BRI0\n dialer map ip 10.1.1.8 name x 12a\n"
                   "ip route 10.1.1.1 255.255.255.0 BRI0\n")
    r = check(str(cfg))
    assert r.returncode == 2
    assert ("%s:2: %% Invalid dial string \"12a\"" % cfg) in r.stderr
    assert ("%s:3: %% Inconsistent address and mask" % cfg) in r.stderr
    assert r.stdout == ""
