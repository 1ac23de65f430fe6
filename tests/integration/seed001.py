# SPDX-License-Identifier: GPL-2.0-or-later
"""Seed 001 end to end on the built-in phone network: the README's main job
(`make demo`, demo.py) and tests/integration/test_seed001.py.

Cisco tech note 9554 ("Configuring MS Callback Between a Router and a
Windows PC"): the AS5200 "isdn2-2" with a T1 PRI and digital modems, user
`callmeback` with `callback-dialstring ""`.  Here:

  - pstn: the phone network, with the PRI subscriber 4084327528 (nasd) and
    the analog subscriber 5279651 (the PC's modem);
  - nasd: seed 001's configuration as printed in the tech note, with the
    deleted secrets filled in and `pstn attach` under `controller T1 0`,
    in namespace "nas"; lines 1-6 are its digital modems;
  - nasdial: the Windows client ("Ask me during dialing when the server
    offers" callback, the user types 527-9651 in about 9.5 s, as in the
    trace, and asks for a 15 s delay), in namespace "pc".

The sequence to reproduce: the PC dials 4084327528; the call lands on the
PRI as a voice call and is handed to a digital modem; PPP is autoselected;
LCP agrees Callback 6; CHAP; AAA authorises callback with an empty
dialstring; CBCP Requests every 2 s, the late Response for the first
Request ignored, the next one answered, the Ack; the PC's
Terminate-Request; "Initiate Callback for callmeback at 527-9651"; the
offhook and callback chat scripts on the digital modem dial 5279651 (an
ISDN SETUP to the PC's line); the PC answers; PPP again, CHAP again, IPCP
with an address of pool default (172.16.25.59-62); a ping from the PC to
the AS5200's Ethernet0 address 172.16.25.52 crosses the return call.
"""

import os
import re
import shutil
import subprocess

from nasnet import Nasd, Nasdial, wait_until
from pstnlib import Pstn

PRI_NUMBER = "4084327528"
PC_NUMBER = "5279651"
NAS_ADDR = "172.16.25.52"
POOL = ["172.16.25.%d" % i for i in range(59, 63)]
SECRET = "Wind0ws-cb"   # callmeback's password (deleted in the seed)

PSTN_BODY = (
    "subscriber 4084327528\n"
    " description isdn2-2 PRI (AS5200)\n"
    " isdn pri-t1\n"
    " endpoint attach\n"
    "subscriber 5279651\n"
    " description the Windows PC's modem\n"
    " endpoint attach\n"
    " answer manual\n")

# Seed 001's configuration as the tech note prints it.  Changes: the
# secrets the note deleted (`enable secret 5 <deleted>`, `password 7
# <deleted>`) are filled in, and `pstn attach` binds controller T1 0 to the
# phone network.
NASD_CONFIG = """!
version 11.3
service timestamps debug datetime msec
service password-encryption
no service udp-small-servers
no service tcp-small-servers
!
hostname isdn2-2
!
aaa new-model
aaa authentication login default none
aaa authentication login use-local local
aaa authentication ppp default local
aaa authorization network local
enable secret 0 Ena-bl3
!
username callmeback callback-dialstring "" password 0 @SECRET@
ip domain-name cisco.com
isdn switch-type primary-5ess
chat-script offhook "" "ATH1" OK
chat-script callback ABORT ERROR ABORT BUSY "" "ATZ" OK "ATDT \\T" TIMEOUT 60 CONNECT \\c
clock timezone PST -8
clock summer-time PDT recurring
!
controller T1 0
 framing esf
 clock source line secondary
 linecode b8zs
 pri-group timeslots 1-24
 pstn attach @ATTACH@ 4084327528
!
controller T1 1
 shutdown
!
interface Ethernet0
 ip address 172.16.25.52 255.255.255.240
!
interface Serial0
 no ip address
 shutdown
!
interface Serial1
 no ip address
 shutdown
!
interface Serial0:23
 ip unnumbered Ethernet0
 encapsulation ppp
 dialer-group 1
 isdn incoming-voice modem
 peer default ip address pool default
!
interface Group-Async1
 ip unnumbered Ethernet0
 ip tcp header-compression passive
 encapsulation ppp
 async mode interactive
 peer default ip address pool default
 no cdp enable
 ppp max-bad-auth 3
 ppp callback accept
 ppp authentication chap
 group-range 1 12
!
router eigrp 202
 network 172.16.0.0
 distance 90 172.16.25.49 0.0.0.0
 no auto-summary
!
ip local pool default 172.16.25.59 172.16.25.62
ip default-gateway 172.16.25.49
ip classless
dialer-list 1 protocol ip permit
!
line con 0
line 1 6
 autoselect during-login
 autoselect ppp
 script modem-off-hook offhook
 script callback callback
 login authentication use-local
 modem InOut
 transport input all
line 7 12
 autoselect during-login
 autoselect ppp
 login authentication use-local
 modem InOut
 modem busyout
 transport input all
line aux 0
 exec-timeout 0 0
line vty 0 4
 password 0 Vty-pa55
!
end
"""

# seed 001's `show debug`, plus authentication for the CHAP lines
NASD_DEBUGS = ("modem", "aaa authentication", "aaa authorization",
               "ppp negotiation", "ppp authentication", "isdn q931",
               "chat", "modem csm")

ASK_DELAY_MS = 9500   # the user types the number (seed: 9.5 s)
CBCP_DELAY_S = 15     # Windows' callback delay in the seed


def nasd_config(attach):
    return (NASD_CONFIG.replace("@ATTACH@", attach)
            .replace("@SECRET@", SECRET))


def nasdial_args(attach, workdir, pcap=None):
    pwfile = os.path.join(workdir, "callmeback.pw")
    with open(pwfile, "w") as f:
        f.write(SECRET + "\n")
    args = ["--device", "pstn:%s:%s" % (attach, PC_NUMBER),
            "--user", "callmeback", "--password-file", pwfile,
            "--callback", "ask", "--ask-answer", "527-9651",
            "--ask-delay-ms", str(ASK_DELAY_MS),
            "--callback-delay", str(CBCP_DELAY_S),
            "--tun", "dial0",
            "-d", "ppp negotiation", "-d", "ppp authentication",
            "-d", "ppp cbcp", "-d", "chat"]
    if pcap:
        args += ["--pcap", pcap]
    return args + [PRI_NUMBER]


def pri_up(nasd):
    for i in nasd.json("show isdn status")["interfaces"]:
        if i["interface"] == "Serial0:23" and i["layer2_up"]:
            return True
    return False


class Scenario:
    """The three processes in two namespaces; run() drives the call and
    returns the checks.  stop() ends everything (by PID) and is safe to
    call twice."""

    def __init__(self, workdir, ns_nas, ns_pc, pcap=True):
        self.wd = workdir
        self.ns_nas, self.ns_pc = ns_nas, ns_pc
        self.pstn = Pstn(PSTN_BODY, connect_delay=500)
        self.config = nasd_config(self.pstn.attach)
        self.nasd = Nasd("isdn2-2", ns_nas, workdir, self.config, pcap=pcap,
                         debugs=NASD_DEBUGS)
        self.pc_pcap = os.path.join(workdir, "pc.pcap") if pcap else None
        self.pc = None
        self.ping = None
        self.status = None

    def start_pc(self):
        self.pc = Nasdial(self.ns_pc, self.wd,
                          nasdial_args(self.pstn.attach, self.wd,
                                       self.pc_pcap),
                          name="pc")

    def run(self):
        wait_until(lambda: pri_up(self.nasd), timeout=20,
                   what="PRI layer 2 up")
        self.start_pc()

        def up():
            if self.pc.proc.poll() is not None:
                raise AssertionError("nasdial exited %s:\n%s" % (
                    self.pc.proc.returncode, self.pc.log()[-6000:]))
            s = self.pc.status()
            return s if s and s["state"] == "up" and s["return_call"] \
                else None
        self.status = wait_until(up, timeout=150,
                                 what="the PC up on the return call")
        self.ping = self.ns_pc.ping(NAS_ADDR, count=3)
        return self.checks()

    def checks(self):
        """[(what, ok)] in the order of the seed's trace."""
        log = self.nasd.log()
        st = self.status or {}
        addr = (st.get("ppp") or {}).get("local_address") or ""
        pool = re.search(r"IPCP: Pool returned (172\.16\.25\.\d+)", log)

        def has(*needles):
            return all(n in log for n in needles)
        return [
            ("the PC's call arrives on the PRI (SETUP to 4084327528)",
             has("RX <- SETUP", "Called Party Number i = 0xC1, "
                 "'4084327528'")),
            ("a digital modem answers and PPP is autoselected",
             has("Autoselect cmd: ppp negotiate")),
            ("LCP: the PC asks for Microsoft callback (Callback 6)",
             has("LCP:    Callback 6 (0x0D0306)")),
            ("CHAP authenticates callmeback",
             has('CHAP: I RESPONSE', 'from "callmeback"',
                 "CHAP: O SUCCESS")),
            ("AAA authorises callback with an empty dialstring",
             has("Processing AV callback-dialstring=")),
            ("MCB: the client names the number",
             has("MCB: User callmeback Callback Number - Client ANY")),
            ("CBCP Requests every 2 s while the user types",
             log.count("MCB: Timeout in state WAIT_RESPONSE") >= 3),
            ("the late Response for the first Request is ignored",
             has("MCB: Resp ignored. ID Expected")),
            ("the Response: 527-9651, delay 15",
             has("MCB: Response CBK-Client-Num 2 13 15, "
                 "addr 1-527-9651")),
            ("CBCP Ack", has("MCB: O Ack Id", "Negotiated MCB with peer")),
            ("the PC ends the call (Terminate-Request)",
             has("MCB: Peer terminating the link",
                 "MCB: Link terminated by peer, Callback Needed")),
            ("nasd decides to call back",
             has("MCB: Initiate Callback for callmeback at 527-9651 "
                 "using Async")),
            ("chat script offhook on the digital modem",
             has("Chat script offhook finished, status = Success")),
            ("chat script callback dials 527-9651",
             has("Sending string: ATDT \\T<527-9651>",
                 "Chat script callback finished, status = Success")),
            ("the return call goes out on the PRI (SETUP to 5279651)",
             has("TX -> SETUP", "Bearer Capability i = 0x8090A2",
                 "Called Party Number i = 0xA1, '5279651'")),
            ("CHAP again on the return call",
             log.count("CHAP: O SUCCESS") >= 2),
            ("IPCP: an address from pool default",
             bool(pool) and pool.group(1) in POOL and addr in POOL),
            ("the PC is up on the return call",
             st.get("state") == "up" and st.get("return_call") is True),
            ("ping from the PC to 172.16.25.52",
             self.ping is not None and self.ping.returncode == 0),
        ]

    def show(self, cmd):
        return self.nasd.cli(cmd, check=False)

    def stop(self):
        if self.pc:
            self.pc.close()
        self.nasd.stop()
        self.pstn.stop()


def check_pcap(path, need):
    """tshark decodes every frame of a capture: returns (ok, text).  `need`
    lists protocol column values that must appear.  (None, reason) when
    tshark is not installed."""
    if not shutil.which("tshark"):
        return None, "tshark not installed"
    r = subprocess.run(["tshark", "-r", path, "-T", "fields", "-e",
                        "_ws.col.Protocol"], capture_output=True, text=True)
    if r.returncode != 0:
        return False, r.stderr
    protos = r.stdout
    missing = [p for p in need if p not in protos]
    bad = subprocess.run(["tshark", "-r", path, "-Y",
                          "_ws.malformed || _ws.expert.severity >= error"],
                         capture_output=True, text=True)
    if bad.returncode != 0:
        return False, bad.stderr
    ok = not missing and bad.stdout.strip() == ""
    text = "%d frames; protocols %s%s%s" % (
        len(protos.split("\n")) - 1,
        ", ".join(sorted(set(p for p in protos.split("\n") if p))),
        "; missing %s" % ", ".join(missing) if missing else "",
        "; malformed:\n" + bad.stdout if bad.stdout.strip() else "")
    return ok, text


PCAP_PROTOCOLS = ("PPP LCP", "PPP CHAP", "PPP CBCP", "PPP IPCP")
