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
