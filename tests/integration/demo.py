#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The main job on the built-in default (README: `make demo`): seed 001,
"Configuring MS Callback Between a Router and a Windows PC", end to end on
the built-in phone network (tests/integration/seed001.py has the setup).

nasd runs the AS5200's configuration from the tech note with its PRI
attached to the phone network; nasdial plays the Windows PC that dials in,
asks to be called back at 527-9651 (the user takes 9.5 s to type it), is
called back through a digital modem and the PRI, authenticates again, gets
an address from pool default and pings the access server.  Prints nasd's
debug log, `show caller` and the other `show` output, the PC's log, a
check list in the order of the seed's trace, and exits 0 only if every
step happened.
"""

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nasnet  # noqa: E402
import pstnlib  # noqa: E402
import seed001  # noqa: E402
from nasnet import Netns  # noqa: E402


def banner(text):
    print("\n" + "=" * 72 + "\n" + text + "\n" + "=" * 72, flush=True)


def main():
    try:
        nasnet.need_root()
    except nasnet.SetupError as e:
        print("demo: cannot run: %s" % e, file=sys.stderr)
        return 1
    why = pstnlib.missing()
    if why:
        print("demo: cannot run: %s" % why, file=sys.stderr)
        return 1
    wd = nasnet.workdir("nasd-demo-")
    ns_nas, ns_pc = Netns("nasd-demo-as5200"), Netns("nasd-demo-pc")
    sc = None
    checks = []
    try:
        sc = seed001.Scenario(wd, ns_nas, ns_pc)
        banner("isdn2-2 (AS5200) configuration: seed 001, namespace "
               "nasd-demo-as5200")
        print(sc.config)
        banner("the phone network: the PRI 4084327528 and the PC's line "
               "5279651")
        print(seed001.PSTN_BODY)
        banner("the Windows PC: nasdial %s" % " ".join(
            seed001.nasdial_args(sc.pstn.attach, wd, sc.pc_pcap)))
        print("(the user answers the callback prompt with 527-9651 after "
              "%.1f s; CBCP delay %d s)" % (seed001.ASK_DELAY_MS / 1000.0,
                                             seed001.CBCP_DELAY_S),
              flush=True)
        try:
            checks = sc.run()
        except AssertionError as e:
            print("demo: %s" % e, file=sys.stderr)
            checks = sc.checks()
        if sc.ping:
            banner("ping from the PC (nasd-demo-pc) to isdn2-2's "
                   "Ethernet0 172.16.25.52")
            print(sc.ping.stdout + sc.ping.stderr)
        for cmd in ("show caller", "show caller full", "show users",
                    "show isdn active", "show modem", "show interfaces "
                    "Async1", "show ip local pool"):
            banner("isdn2-2#%s" % cmd)
            print(sc.show(cmd))
    finally:
        if sc:
            sc.stop()
            banner("isdn2-2 debug log (%s)" % ", ".join(
                "debug " + d for d in seed001.NASD_DEBUGS))
            print(sc.nasd.log())
            if sc.pc:
                banner("the PC (nasdial) log")
                print(sc.pc.log())
                print(sc.pc.out())
            for name, path in (("isdn2-2", sc.nasd.pcap),
                               ("pc", sc.pc_pcap)):
                if path and os.path.exists(path):
                    dst = os.path.join(nasnet.ROOT, "build",
                                       "demo-%s.pcap" % name)
                    shutil.copy(path, dst)
                    ok, text = seed001.check_pcap(
                        dst, seed001.PCAP_PROTOCOLS)
                    print("PPP capture of %s kept in %s (tshark: %s)" % (
                        name, dst, text))
            sc.pstn.cleanup()
        ns_nas.delete()
        ns_pc.delete()
        shutil.rmtree(wd, ignore_errors=True)
    banner("seed 001, step by step")
    for what, ok in checks:
        print("  [%s] %s" % ("ok" if ok else "FAILED", what))
    passed = bool(checks) and all(ok for _, ok in checks)
    banner("demo %s: %s" % (
        "PASSED" if passed else "FAILED",
        "the PC was called back and IP crossed the return call" if passed
        else "see the FAILED steps above"))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
