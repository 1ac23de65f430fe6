#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The main job on the built-in default (README: `make demo`).

Two nasd processes in two network namespaces joined by a pty pair (socat):
nasA authenticates nasB with CHAP and gives it an address from a pool;
LCP, CHAP and IPCP come up, and ping crosses the link both ways through
the TUN data plane.  Prints both debug logs and the `show` output, and
exits 0 only if IP traffic crossed the link.
"""

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
from nasnet import Nasd, Netns, PtyPair, wait_until  # noqa: E402


def banner(text):
    print("\n" + "=" * 72 + "\n" + text + "\n" + "=" * 72, flush=True)


def main():
    try:
        nasnet.need_root()
    except nasnet.SetupError as e:
        print("demo: cannot run: %s" % e, file=sys.stderr)
        return 1
    wd = nasnet.workdir("nasd-demo-")
    ns_a, ns_b = Netns("nasd-demo-a"), Netns("nasd-demo-b")
    pty = a = b = None
    ok = False
    try:
        pty = PtyPair(wd)
        server, client = nasnet.link_configs(auth="chap", pty_a=pty.a,
                                             pty_b=pty.b)
        banner("nasA configuration (namespace nasd-demo-a)")
        print(server)
        banner("nasB configuration (namespace nasd-demo-b)")
        print(client)
        a = Nasd("nasA", ns_a, wd, server, pcap=True)
        b = Nasd("nasB", ns_b, wd, client, pcap=True)
        wait_until(lambda: nasnet.lcp_ipcp_open(a), timeout=40,
                   what="nasA: LCP and IPCP Open")
        wait_until(lambda: nasnet.lcp_ipcp_open(b), timeout=20,
                   what="nasB: LCP and IPCP Open")
        banner("ping from nasd-demo-a to nasB's PPP address 10.0.0.2")
        r1 = ns_a.ping("10.0.0.2", count=3)
        print(r1.stdout + r1.stderr)
        banner("ping from nasd-demo-b to nasA's address 10.0.0.1")
        r2 = ns_b.ping("10.0.0.1", count=3)
        print(r2.stdout + r2.stderr)
        ok = r1.returncode == 0 and r2.returncode == 0
        for n in (a, b):
            banner("%s# show interfaces Async1" % n.name)
            print(n.cli("show interfaces Async1"))
            banner("%s# show ppp all" % n.name)
            print(n.cli("show ppp all"))
        banner("nasA# show ip local pool")
        print(a.cli("show ip local pool"))
    except AssertionError as e:
        print("demo: %s" % e, file=sys.stderr)
    finally:
        for n in (a, b):
            if n:
                n.stop()
                banner("%s debug log (stderr)" % n.name)
                print(n.log())
        if pty:
            pty.stop()
        ns_a.delete()
        ns_b.delete()
        if a and a.pcap and os.path.exists(a.pcap):
            dst = os.path.join(nasnet.ROOT, "build", "demo-nasA.pcap")
            shutil.copy(a.pcap, dst)
            print("PPP capture of nasA kept in %s" % dst)
        shutil.rmtree(wd, ignore_errors=True)
    banner("demo %s: IP traffic %s the PPP link" % (
        "PASSED" if ok else "FAILED", "crossed" if ok else "did NOT cross"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
