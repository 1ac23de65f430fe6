# SPDX-License-Identifier: GPL-2.0-or-later
"""Operating a running nasd: `configure terminal` through `nas`, shutdown
and `no shutdown`, `clear interface`, debug switches with `terminal
monitor`, SIGHUP reload (good and bad configurations), `| include`, and
a CLI that keeps answering."""

import signal
import subprocess

import nasnet
from nasnet import wait_until


def up(net):
    pty = net["start_pty"]()
    server, client = nasnet.link_configs(auth="chap", pty_a=pty.a,
                                         pty_b=pty.b)
    a = net["start"]("nasA", "a", server)
    b = net["start"]("nasB", "b", client)
    wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=30,
               what="link up")
    return a, b


def test_configure_terminal_shutdown_and_back(net):
    a, b = up(net)
    a.cli("configure terminal", "interface Async1", "shutdown", "end")
    wait_until(lambda: a.interface("Async1")["status"] ==
               "administratively down", timeout=10, what="admin down")
    wait_until(lambda: "I TERMREQ" in b.log(), timeout=10,
               what="the peer to see LCP terminate")
    assert " shutdown" in a.cli("show running-config | begin interface Async1")
    a.cli("configure terminal", "interface Async1", "no shutdown", "end")
    ia = wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=30,
                    what="link back up after no shutdown")
    # The pool hands out the next free address, not the one just freed.
    assert ia["peer_address"] == "10.0.0.3"
    r = net["ns"]["a"].ping(ia["peer_address"], count=2)
    assert r.returncode == 0, r.stdout


def test_clear_interface_renegotiates(net):
    a, b = up(net)
    resets = a.interface("Async1")["counters"]["interface_resets"]
    a.cli("clear interface Async1")
    wait_until(lambda: a.interface("Async1")["counters"]
               ["interface_resets"] > resets, timeout=10, what="a reset")
    wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=30,
               what="link renegotiated after clear interface")


def test_debug_switches_and_filters(net):
    a, b = up(net)
    out = a.cli("show debugging")
    assert "PPP protocol negotiation debugging is on" in out
    a.cli("undebug all")
    assert "debugging is on" not in a.cli("show debugging")
    a.cli("debug ppp negotiation")
    assert "PPP protocol negotiation debugging is on" in \
        a.cli("show debugging")
    inc = a.cli("show running-config | include ppp")
    assert "ppp authentication chap" in inc
    assert "hostname" not in inc
    # Unknown command: IOS error, non-zero exit from nas.
    r = subprocess.run([nasnet.NAS, "-s", a.sock, "-c", "show interfcs"],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert "% Invalid input detected at '^' marker." in r.stdout + r.stderr


def test_sighup_reload(net):
    a, b = up(net)
    with open(a.cfg) as f:
        cfg = f.read()
    with open(a.cfg, "w") as f:
        f.write(cfg.replace("hostname nasA", "hostname nasA2"))
    a.proc.send_signal(signal.SIGHUP)
    wait_until(lambda: "hostname nasA2" in a.cli("show running-config"),
               timeout=10, what="reloaded hostname")
    # The running link was not disturbed by the reload.
    assert nasnet.lcp_ipcp_open(a)
    # A broken file is refused and the running configuration kept.
    with open(a.cfg, "w") as f:
        f.write(cfg.replace("end\n", "interfce Async2\nend\n"))
    a.proc.send_signal(signal.SIGHUP)
    wait_until(lambda: "keeping the running configuration" in a.log(),
               timeout=10, what="bad reload refused")
    assert "%s:" % a.cfg in a.log()
    assert "hostname nasA2" in a.cli("show running-config")
    assert a.alive()
