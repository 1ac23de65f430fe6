# SPDX-License-Identifier: GPL-2.0-or-later
"""l2tpnslib: l2tpns (Debian's 2.4.1, the reference LNS) and the RADIUS
responder it needs, in a test's network namespace; plus the few L2TP
(RFC 2661) message helpers the tests craft packets with.

How l2tpns is run (doc/testing-l2tp.md; /work/shared/reference/l2tp.md
sections 4.1-4.2):

  - in its own namespace (one instance per namespace: it binds UDP 1701,
    1702 (nsctl), 3799 (DAE), 32792 (cluster), 65432 (LAC side) and TCP
    23 (its CLI));
  - lo up with multicast on and `cluster_interface "lo"`: its cluster
    code is always on, joins 239.192.13.13 and exits when the interface
    has no address; it serves nothing until it has declared itself the
    master (after `cluster_hb_timeout`, which it raises to 3.1 s);
  - its startup-config, pid file and log in the test's directory;
  - PPP authentication is RADIUS only: radresp.py (accept-all) runs in
    the same namespace on 127.0.0.1:1812;
  - its IP pool file has a fixed path, /etc/l2tpns/ip_pool: l2tpns runs
    under `unshare -m` with the test's pool file bind-mounted over it in
    that private mount namespace only; the real /etc is never written;
  - ready when its log says "I am declaring myself the master!";
  - stopped with SIGKILL by PID (SIGTERM is a cluster fail-over for it and
    does not stop it promptly); its tun0 and routes go with it.

Its sessions and tunnels are read from its CLI (libcli on TCP 23 of
127.0.0.1 in the namespace, open without login when
/etc/l2tpns/users is empty, as Debian ships it): `show session` and
`show tunnels` (`show sessions` is not a command there), parsed by
sessions() and tunnels().  nsctl (UDP 1702) only drives plugins and
lists nothing.
"""

import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
L2TPNS = shutil.which("l2tpns") or "/usr/sbin/l2tpns"
RADRESP = os.path.join(HERE, "radresp.py")
READY = "I am declaring myself the master!"
DEFAULT_SECRET = "l2tptunnel"


def missing():
    """A reason to skip an l2tpns test, or None."""
    if not os.access(L2TPNS, os.X_OK):
        return ("l2tpns is not installed (scripts/install-deps installs "
                "Debian's l2tpns)")
    if os.geteuid() != 0:
        return "needs root (network namespaces, TUN, bind mounts)"
    if not os.path.exists("/dev/net/tun"):
        return "/dev/net/tun is missing"
    for tool in ("ip", "unshare", "mount"):
        if not shutil.which(tool):
            return "%s is not installed" % tool
    return None


def _ns_cmd(netns, argv):
    """argv run in `netns` (a nasnet.Netns, a namespace name, or None for
    the current namespace)."""
    if netns is None:
        return list(argv)
    if hasattr(netns, "cmd"):
        return netns.cmd(argv)
    return ["ip", "netns", "exec", netns] + list(argv)


def _ns_name(netns):
    return getattr(netns, "name", netns)


def socket_in(netns, family=socket.AF_INET, kind=socket.SOCK_DGRAM):
    """A socket that lives in `netns` although the test runs outside it:
    the calling thread enters the namespace (setns(2) on
    /run/netns/NAME), creates the socket and returns to its own namespace.
    A socket keeps the namespace it was created in."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    clone_newnet = 0x40000000
    own = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    target = os.open("/run/netns/" + _ns_name(netns), os.O_RDONLY)
    try:
        if libc.setns(target, clone_newnet) != 0:
            raise OSError(ctypes.get_errno(), "setns into %s"
                          % _ns_name(netns))
        try:
            return socket.socket(family, kind)
        finally:
            if libc.setns(own, clone_newnet) != 0:
                # Staying in the wrong namespace would misdirect every
                # later socket of this process: better to stop here.
                os._exit(70)
    finally:
        os.close(own)
        os.close(target)


def _wait(pred, timeout, what, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    raise AssertionError("timed out after %.0fs waiting for %s"
                         % (timeout, what))


# ---------------------------------------------------------------- RADIUS

class Radresp:
    """radresp.py as a process in a namespace; stopped by PID."""

    def __init__(self, netns, workdir, secret, addr="127.0.0.1", port=1812,
                 reject=(), pool=None, name="radresp"):
        self.logpath = os.path.join(workdir, name + ".log")
        self.statspath = os.path.join(workdir, name + ".json")
        argv = [sys.executable, RADRESP, "--addr", addr, "--port",
                str(port), "--secret", secret, "--stats", self.statspath]
        for u in reject:
            argv += ["--reject", u]
        if pool:
            argv += ["--pool", pool]
        self.logf = open(self.logpath, "w")
        self.proc = subprocess.Popen(_ns_cmd(netns, argv),
                                     stdout=self.logf,
                                     stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        _wait(lambda: "listening" in self.log() or self.proc.poll()
              is not None, 10, "radresp to listen")
        if self.proc.poll() is not None:
            raise AssertionError("radresp exited %s:\n%s"
                                 % (self.proc.returncode, self.log()))

    def log(self):
        with open(self.logpath, errors="replace") as f:
            return f.read()

    def stop(self):
        """SIGTERM by PID (it prints and writes its counters); returns the
        counters or None."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.logf.closed:
            self.logf.close()
        try:
            import json
            with open(self.statspath) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None


# ---------------------------------------------------------------- l2tpns

STARTUP_CONFIG = """\
set debug {debug}
set log_file "{log}"
set pid_file "{pid}"
set hostname "{hostname}"
set bind_address {bind}
set iftun_address {tun_addr}
set peer_address {tun_addr}
set tundevicename "tun0"
set cli_bind_address 127.0.0.1
set cluster_interface "lo"
set cluster_hb_timeout 10
set l2tp_secret "{secret}"
set primary_radius 127.0.0.1
set primary_radius_port {radius_port}
set radius_secret "{radius_secret}"
set radius_authtypes "{authtypes}"
set radius_accounting no
set primary_dns 127.0.0.1
set secondary_dns 127.0.0.1
"""


class L2tpns:
    """One l2tpns in `netns` (nasnet.Netns or a name), files in
    `workdir`.

      bind      the L2TP address (UDP 1701); added to lo as a /32 when the
                namespace does not have it yet
      secret    l2tp_secret: the tunnel secret (RFC 2661 section 5.1.1);
                l2tpns checks a Challenge it is sent against it
      pool      its address pool: a prefix, or a list of prefixes
      radius    True: start radresp on 127.0.0.1:radius_port; False: the
                caller runs one
      hostname  the Host Name AVP it sends (else the machine's name)
      extra     more startup-config lines ("set echo_timeout 3600", ...)

    .stop() (SIGKILL by PID, idempotent), .log(), .cli(cmd),
    .sessions(), .tunnels(), .pid."""

    def __init__(self, netns, workdir, bind="10.0.0.1",
                 secret=DEFAULT_SECRET, pool="10.10.0.0/24", radius=True,
                 radius_secret="radsecret", radius_port=1812,
                 radius_reject=(), radius_pool=None, hostname="l2tpns",
                 tun_addr="192.0.2.1", debug=3, authtypes="chap,pap",
                 extra=(), ready_timeout=20):
        why = missing()
        if why:
            raise RuntimeError(why)
        self.netns = netns
        self.dir = workdir
        self.bind = bind
        self.secret = secret
        self.proc = None
        self.radius = None
        self.logpath = os.path.join(workdir, "l2tpns.log")
        self.outpath = os.path.join(workdir, "l2tpns.out")
        self.pidpath = os.path.join(workdir, "l2tpns.pid")
        self.cfgpath = os.path.join(workdir, "l2tpns.startup-config")
        self.poolpath = os.path.join(workdir, "l2tpns.ip_pool")
        self._prepare_namespace()
        pools = [pool] if isinstance(pool, str) else list(pool)
        with open(self.poolpath, "w") as f:
            f.write("".join(p + "\n" for p in pools))
        with open(self.cfgpath, "w") as f:
            f.write(STARTUP_CONFIG.format(
                debug=debug, log=self.logpath, pid=self.pidpath,
                hostname=hostname, bind=bind, tun_addr=tun_addr,
                secret=secret, radius_port=radius_port,
                radius_secret=radius_secret, authtypes=authtypes))
            f.write("".join(line + "\n" for line in extra))
        open(self.logpath, "w").close()
        try:
            if radius:
                self.radius = Radresp(netns, workdir, radius_secret,
                                      port=radius_port,
                                      reject=radius_reject,
                                      pool=radius_pool)
            # The bind mount exists only in the mount namespace unshare
            # creates; `exec` keeps one PID from `ip netns exec` to
            # l2tpns, so proc.pid is l2tpns' PID.
            script = ('mount --bind "$1" /etc/l2tpns/ip_pool && '
                      'exec "$2" -c "$3"')
            argv = ["unshare", "--mount", "--propagation", "private",
                    "sh", "-c", script, "sh", self.poolpath, L2TPNS,
                    self.cfgpath]
            self.outf = open(self.outpath, "w")
            self.proc = subprocess.Popen(_ns_cmd(netns, argv),
                                         stdout=self.outf,
                                         stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL,
                                         start_new_session=True)
            self.pid = self.proc.pid
            _wait(self._ready, ready_timeout, "l2tpns to declare itself "
                  "the master")
        except BaseException:
            print("===== l2tpns log =====\n" + self.log())
            self.stop()
            raise

    def _prepare_namespace(self):
        ns = _ns_name(self.netns)
        subprocess.run(["ip", "-n", ns, "link", "set", "lo", "up",
                        "multicast", "on"], check=True)
        have = subprocess.run(["ip", "-n", ns, "-4", "-o", "addr", "show"],
                              capture_output=True, text=True).stdout
        if not re.search(r"inet %s/" % re.escape(self.bind), have):
            subprocess.run(["ip", "-n", ns, "addr", "add", self.bind + "/32",
                            "dev", "lo"], check=True)

    def _ready(self):
        if self.proc.poll() is not None:
            raise AssertionError("l2tpns exited %s:\n%s" % (
                self.proc.returncode, self.log()))
        return READY in self.log()

    def log(self):
        """What it printed before its log file was open, then the log."""
        text = ""
        for p in (self.outpath, self.logpath):
            try:
                with open(p, errors="replace") as f:
                    text += f.read()
            except OSError:
                pass
        return text

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        """SIGKILL l2tpns by PID and SIGTERM radresp; safe twice."""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.outf.close()
        if self.radius is not None:
            self.radius.stop()

    # ---- CLI (TCP 23 inside the namespace)

    def cli(self, *cmds, timeout=10):
        """Run CLI commands (after `enable`) in l2tpns' CLI and return
        their output, prompts and echo removed.  The connection is made
        from a helper process in the namespace (this module's __main__),
        since the test runs outside it."""
        argv = [sys.executable, os.path.abspath(__file__), "--cli"]
        r = subprocess.run(_ns_cmd(self.netns, argv + list(cmds)),
                           capture_output=True, text=True,
                           timeout=timeout + 5)
        if r.returncode != 0:
            raise AssertionError("l2tpns CLI %r failed: %s%s" % (
                cmds, r.stdout, r.stderr))
        return r.stdout

    def sessions(self):
        """`show session` as dicts: sid, tid, username, ip (and the raw
        line)."""
        return parse_table(self.cli("show session"), "SID",
                           ("sid", "lktosid", "tid", "username", "ip"))

    def tunnels(self):
        """`show tunnels` as dicts: tid, hostname, ip, state, sessions,
        kind ("Tunnel To LAC", ...); free slots are left out."""
        rows = []
        for line in self.cli("show tunnels").splitlines():
            # "   2  tester  10.0.0.1   Open      0 Tunnel To LAC"
            m = re.match(r"\s*(\d+)\s+(\S+)\s+(\d+\.\d+\.\d+\.\d+)\s+"
                         r"(\S+)\s+(\d+)\s*(.*)$", line)
            if m and m.group(4) != "Free":
                rows.append({"tid": int(m.group(1)),
                             "hostname": m.group(2), "ip": m.group(3),
                             "state": m.group(4),
                             "sessions": int(m.group(5)),
                             "kind": m.group(6).strip()})
        return rows


def parse_table(text, first_header, names):
    """Rows after the header line that starts with `first_header`: the
    first len(names) whitespace-separated fields, numbers as int."""
    rows, seen = [], False
    for line in text.splitlines():
        if line.strip().startswith(first_header):
            seen = True
            continue
        fields = line.split()
        if not seen or len(fields) < len(names) or not fields[0].isdigit():
            continue
        row = {"line": line}
        for k, v in zip(names, fields):
            row[k] = int(v) if v.isdigit() else v
        rows.append(row)
    return rows


def _cli_main(cmds, port=23, timeout=10.0):
    """The helper behind L2tpns.cli(): a minimal telnet client.  libcli
    offers WILL ECHO/SGA and DO ...; we refuse nothing and answer
    nothing (it works without negotiation), strip the IAC sequences and
    read up to each prompt ("NAME> " or "NAME# ")."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    buf = b""
    prompt = re.compile(rb"\r?\n[^\r\n]*[>#] $")

    def read_prompt():
        nonlocal buf
        deadline = time.monotonic() + timeout
        while not prompt.search(buf):
            if time.monotonic() > deadline:
                raise SystemExit("no prompt; got %r" % buf)
            d = s.recv(65536)
            if not d:
                raise SystemExit("CLI closed; got %r" % buf)
            buf += re.sub(rb"\xff[\xfb-\xfe].|\xff[\xf0-\xfa]", b"", d)
        out, buf = buf, b""
        return prompt.sub(b"", out)

    read_prompt()
    out = []
    for c in ["enable"] + list(cmds):
        s.sendall(c.encode() + b"\r\n")
        text = read_prompt().decode(errors="replace")
        lines = text.replace("\r", "").split("\n")
        if lines and lines[0].strip() == c:
            lines = lines[1:]
        if c != "enable":
            out.append("\n".join(lines))
    s.close()
    sys.stdout.write("\n".join(out) + "\n")


# ------------------------------------------------- L2TP message helpers

MSG_SCCRQ, MSG_SCCRP, MSG_SCCCN, MSG_STOPCCN, MSG_HELLO = 1, 2, 3, 4, 6
AVP_MESSAGE_TYPE, AVP_RESULT_CODE, AVP_PROTOCOL_VERSION = 0, 1, 2
AVP_FRAMING_CAPS, AVP_BEARER_CAPS, AVP_HOST_NAME = 3, 4, 7
AVP_ASSIGNED_TUNNEL_ID, AVP_CHALLENGE, AVP_CHALLENGE_RESPONSE = 9, 11, 13


def avp(atype, value, mandatory=True, vendor=0):
    """One AVP (RFC 2661 section 4.1): M bit, 10-bit length, vendor,
    type, value."""
    length = 6 + len(value)
    assert length <= 1023
    return struct.pack("!HHH", (0x8000 if mandatory else 0) | length,
                       vendor, atype) + value


def control(tunnel_id, session_id, ns, nr, avps=b""):
    """A control message (section 3.1): T, L, S set, version 2 (0xC802),
    then Length, Tunnel ID, Session ID, Ns, Nr.  Empty avps: a ZLB."""
    return struct.pack("!HHHHHH", 0xC802, 12 + len(avps), tunnel_id,
                       session_id, ns, nr) + avps


def sccrq(assigned_tunnel_id, host_name=b"tester", challenge=None,
          bearer_caps=None):
    """The body of a minimal SCCRQ (section 6.1): Message Type, Protocol
    Version 1.0 (0x0100), Host Name, 32-bit Framing Capabilities (sync),
    Assigned Tunnel ID, optionally Challenge and Bearer Capabilities."""
    b = (avp(AVP_MESSAGE_TYPE, struct.pack("!H", MSG_SCCRQ)) +
         avp(AVP_PROTOCOL_VERSION, b"\x01\x00") +
         avp(AVP_HOST_NAME, host_name) +
         avp(AVP_FRAMING_CAPS, struct.pack("!I", 1)) +
         avp(AVP_ASSIGNED_TUNNEL_ID, struct.pack("!H", assigned_tunnel_id)))
    if bearer_caps is not None:
        b += avp(AVP_BEARER_CAPS, struct.pack("!I", bearer_caps))
    if challenge is not None:
        b += avp(AVP_CHALLENGE, challenge)
    return b


def challenge_response(msg_type, secret, challenge):
    """Section 4.4.3 / 5.1.1: MD5(Message Type octet | secret |
    challenge) -- 2 in SCCRP, 3 in SCCCN."""
    import hashlib
    return hashlib.md5(bytes([msg_type]) + secret + challenge).digest()


def parse_control(data):
    """A control message as a dict: flags, tunnel, session, ns, nr and
    avps = [(mandatory, vendor, type, value)]; message_type is the first
    AVP's value when it is a Message Type.  Raises ValueError on a
    message that is not a well-formed control message."""
    if len(data) < 12:
        raise ValueError("%d octets, shorter than a control header"
                         % len(data))
    flags, length, tid, sid, ns, nr = struct.unpack_from("!HHHHHH", data)
    if flags & 0xCB0F != 0xC802:
        raise ValueError("first word 0x%04x is not a v2 control header"
                         % flags)
    if length < 12 or length > len(data):
        raise ValueError("Length %d with %d octets" % (length, len(data)))
    avps, pos = [], 12
    while pos < length:
        if pos + 6 > length:
            raise ValueError("AVP header cut at octet %d" % pos)
        word, vendor, atype = struct.unpack_from("!HHH", data, pos)
        alen = word & 0x3FF
        if alen < 6 or pos + alen > length:
            raise ValueError("AVP length %d at octet %d" % (alen, pos))
        avps.append((bool(word & 0x8000), vendor, atype,
                     bytes(data[pos + 6:pos + alen])))
        pos += alen
    mtype = None
    if avps and avps[0][1] == 0 and avps[0][2] == AVP_MESSAGE_TYPE:
        mtype = struct.unpack("!H", avps[0][3])[0]
    return {"tunnel": tid, "session": sid, "ns": ns, "nr": nr,
            "avps": avps, "message_type": mtype}


def avp_value(msg, atype):
    for _, vendor, t, v in msg["avps"]:
        if vendor == 0 and t == atype:
            return v
    return None


def parse_data(data):
    """(tunnel, session, payload) of a data message (T = 0), the header
    fields placed by its L, S and O bits (section 3.1)."""
    if len(data) < 6:
        raise ValueError("%d octets, shorter than a data header" % len(data))
    flags = struct.unpack_from("!H", data)[0]
    if flags & 0x8000 or flags & 0x000F != 2:
        raise ValueError("first word 0x%04x is not a v2 data header" % flags)
    pos = 2
    end = len(data)
    if flags & 0x4000:
        end = struct.unpack_from("!H", data, pos)[0]
        pos += 2
        if end > len(data):
            raise ValueError("Length %d with %d octets" % (end, len(data)))
    tid, sid = struct.unpack_from("!HH", data, pos)
    pos += 4
    if flags & 0x0800:
        pos += 4
    if flags & 0x0200:
        pos += 2 + struct.unpack_from("!H", data, pos)[0]
    return tid, sid, bytes(data[pos:end])


class ControlPeer:
    """The LAC end of one tunnel, driven step by step by a test: it keeps
    Ns/Nr (section 5.8: a ZLB takes no Ns; Nr = last in-order Ns + 1),
    learns the peer's port from its first reply (section 8.1) and sends
    and receives data messages.  No retransmission: tests on a loopback
    or veth do not lose datagrams unless they ask udpimpair to."""

    def __init__(self, sock, dest):
        self.sock = sock
        self.dest = dest
        self.peer_tid = 0
        self.ns = 0
        self.nr = 0

    def send(self, avps, session=0):
        self.sock.sendto(control(self.peer_tid, session, self.ns, self.nr,
                                 avps), self.dest)
        self.ns = (self.ns + 1) & 0xFFFF

    def zlb(self):
        self.sock.sendto(control(self.peer_tid, 0, self.ns, self.nr),
                         self.dest)

    def data(self, session, ppp):
        self.sock.sendto(struct.pack("!HHH", 0x0002, self.peer_tid,
                                     session) + ppp, self.dest)

    def recv(self, timeout=5.0):
        """The next datagram: ("ctrl", message dict) for a non-ZLB control
        message (Nr advanced, ZLBs skipped), ("data", session, payload)
        for a data message."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("nothing from the peer in %.1fs"
                                     % timeout)
            self.sock.settimeout(left)
            try:
                d, addr = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            self.dest = addr
            if d[0] & 0x80:
                m = parse_control(d)
                if not m["avps"]:
                    continue
                if m["ns"] == self.nr:
                    self.nr = (self.nr + 1) & 0xFFFF
                return ("ctrl", m)
            return ("data",) + parse_data(d)[1:]

    def expect(self, msg_type, timeout=5.0):
        """Skip data messages up to the next control message, which must
        have `msg_type`; returns it."""
        while True:
            r = self.recv(timeout)
            if r[0] == "ctrl":
                if r[1]["message_type"] != msg_type:
                    raise AssertionError("expected message type %d, got %r"
                                         % (msg_type, r[1]))
                return r[1]


def serve(request, netns, workdir, **kw):
    """Generator body of a pytest fixture: skips when l2tpns cannot run,
    yields an L2tpns, stops it by PID and prints its log (and radresp's)
    when the test failed."""
    import pytest
    why = missing()
    if why:
        pytest.skip(why)
    lns = L2tpns(netns, workdir, **kw)
    try:
        yield lns
    finally:
        lns.stop()
        rep = getattr(request.node, "rep_call", None)
        if rep is None or rep.failed:
            print("===== l2tpns log =====\n" + lns.log()[-30000:])
            if lns.radius:
                print("===== radresp log =====\n" +
                      lns.radius.log()[-5000:])



# ------------------------------------------- LAC scenario (nasd + pstn)

LAC_CONFIG_DIR = os.path.join(HERE, "l2tp")
LAC_NUMBER = "8211"
REMOTE_NUMBER = "6122"
LAC_ADDR = "18.18.18.1"
LNS_ADDR = "18.18.18.2"
LAC_PSTN_BODY = (
    "subscriber 8211\n"
    " description LAC E1 PRI\n"
    " isdn pri-e1\n"
    " endpoint attach\n"
    "subscriber 6122\n"
    " description remote1 BRI\n"
    " isdn bri\n"
    " endpoint attach\n")
LAC_DEBUGS = ("vpdn events", "vpdn l2x-events", "vpdn l2x-errors",
              "ppp negotiation", "ppp authentication", "isdn events",
              "isdn q931")
LNS_DEBUGS = ("vpdn events", "vpdn l2x-events", "vpdn l2x-errors",
              "ppp negotiation", "ppp authentication", "vtemplate")
REMOTE_DEBUGS = ("ppp negotiation", "ppp authentication", "isdn events",
                 "isdn q931")


def lac_config(name, **subst):
    """tests/integration/l2tp/<name>.cfg with @KEY@ replaced by
    subst[KEY] (keys in upper case; GROUP_EXTRA defaults to "")."""
    with open(os.path.join(LAC_CONFIG_DIR, name + ".cfg")) as f:
        text = f.read()
    subst.setdefault("GROUP_EXTRA", "")
    for k, v in subst.items():
        text = text.replace("@%s@" % k.upper(), v)
    if "@" in re.sub(r"\S+@example\.com", "", text):
        raise ValueError("%s.cfg: unfilled placeholder" % name)
    return text


class NasdL2tp:
    """A nasd started with `--l2tp-pcap` (nasnet.Nasd has no way to pass
    it): a nasnet.Nasd whose process is started here with the extra
    argument.  .l2tp_pcap is the capture's path."""

    @staticmethod
    def start(name, netns, workdir, config, debugs, l2tp_pcap=True):
        import nasnet
        pcap = os.path.join(workdir, name + "-l2tp.pcap") if l2tp_pcap \
            else None
        saved = nasnet.NASD
        wrapper = None
        if pcap:
            # nasnet.Nasd builds its own argv: a one-line wrapper adds
            # the option and execs nasd (one PID, stopped by PID).
            wrapper = os.path.join(workdir, name + "-nasd.sh")
            with open(wrapper, "w") as f:
                f.write('#!/bin/sh\nexec "%s" --l2tp-pcap "%s" "$@"\n'
                        % (saved, pcap))
            os.chmod(wrapper, 0o755)
            nasnet.NASD = wrapper
        try:
            n = nasnet.Nasd(name, netns, workdir, config, debugs=debugs)
        finally:
            nasnet.NASD = saved
        n.l2tp_pcap = pcap
        return n


class LacScenario:
    """The L2TP interop and fault topology, in namespaces l2-<node>-<tag>:

      remote  nasd, BRI 6122 (tests/integration/l2tp/remote.cfg): places
              a data call to 8211 and answers CHAP as `user`
      lac     nasd, E1 PRI 8211 (l2tp/lac.cfg), 18.18.18.1 on the veth
              "Serial0"; tunnels example.com to 18.18.18.2; started with
              --l2tp-pcap
      lns     18.18.18.2 on the veth: l2tpns (start_l2tpns) or a nasd
              LNS (start_nasd_lns, l2tp/lns.cfg)

    Everything is stopped by PID and the namespaces deleted by stop()
    (safe twice)."""

    PSTN_BODY = None  # LAC_PSTN_BODY (set below the class)

    def __init__(self, workdir, tag=None, user="user@example.com",
                 user_secret="U-chap-s3cret"):
        import nasnet
        self.wd = workdir
        self.tag = tag or str(os.getpid())
        self.user = user
        self.user_secret = user_secret
        self.ns = {}
        self.nasd = {}
        self.l2tpns = None
        self.pstn = None
        self.dialer = None
        self.stopped = False
        for node in ("remote", "lac", "lns"):
            self.ns[node] = nasnet.Netns("l2-%s-%s" % (node, self.tag))
        subprocess.run(["ip", "-n", self.ns["lac"].name, "link", "add",
                        "Serial0", "type", "veth", "peer", "name",
                        "Serial0", "netns", self.ns["lns"].name],
                       check=True)
        for node, addr in (("lac", LAC_ADDR), ("lns", LNS_ADDR)):
            n = self.ns[node].name
            subprocess.run(["ip", "-n", n, "addr", "add", addr + "/24",
                            "dev", "Serial0"], check=True)
            subprocess.run(["ip", "-n", n, "link", "set", "Serial0", "up"],
                           check=True)
        from pstnlib import Pstn
        self.pstn = Pstn(self.PSTN_BODY or LAC_PSTN_BODY, connect_delay=200)

    # ---- nodes

    def start_remote(self):
        import nasnet
        cfg = lac_config("remote", attach=self.pstn.attach, user=self.user,
                         user_secret=self.user_secret)
        n = nasnet.Nasd("remote1", self.ns["remote"], self.wd, cfg,
                        debugs=REMOTE_DEBUGS)
        self.nasd["remote"] = n
        return n

    def start_lac(self, tunnel_secret, group_extra="", l2tp_pcap=True):
        cfg = lac_config("lac", attach=self.pstn.attach,
                         lns_addr=LNS_ADDR, lac_addr=LAC_ADDR,
                         tunnel_secret=tunnel_secret,
                         group_extra=group_extra)
        n = NasdL2tp.start("LAC", self.ns["lac"], self.wd, cfg,
                           LAC_DEBUGS, l2tp_pcap=l2tp_pcap)
        self.nasd["lac"] = n
        return n

    def start_nasd_lns(self, tunnel_secret, group_extra="", name="LNS"):
        """The nasd LNS (l2tp/lns.cfg); the kernel gets its Loopback0
        (10.30.0.1) so the remote can ping it."""
        subprocess.run(["ip", "-n", self.ns["lns"].name, "addr", "replace",
                        "10.30.0.1/32", "dev", "lo"], check=True)
        cfg = lac_config("lns", user=self.user,
                         user_secret=self.user_secret,
                         tunnel_secret=tunnel_secret,
                         group_extra=group_extra)
        n = NasdL2tp.start(name, self.ns["lns"], self.wd, cfg, LNS_DEBUGS)
        self.nasd["lns"] = n
        return n

    def start_l2tpns(self, secret, **kw):
        kw.setdefault("hostname", "refLNS")
        kw.setdefault("pool", "10.10.0.0/24")
        self.l2tpns = L2tpns(self.ns["lns"], self.wd, bind=LNS_ADDR,
                             secret=secret, **kw)
        return self.l2tpns

    # ---- the call

    def wait_isdn(self, timeout=20):
        import nasnet

        def up(node, ifname):
            for i in self.nasd[node].json("show isdn status")["interfaces"]:
                if i["interface"] == ifname and i["layer2_up"]:
                    return True
            return False
        nasnet.wait_until(lambda: up("lac", "Serial0:15") and
                          up("remote", "BRI0"), timeout=timeout,
                          what="ISDN layer 2 on the PRI and the BRI")

    def call(self):
        """The remote dials the LAC: `isdn call interface BRI0 8211`."""
        return self.nasd["remote"].cli("isdn call interface BRI0 %s"
                                       % LAC_NUMBER)

    def calls(self, node):
        return self.nasd[node].json("show isdn active")["calls"]

    def remote_up(self):
        """The remote's data call whose LCP and IPCP are Open, with its
        interface's JSON (local_address ...) merged in; or None."""
        for c in self.calls("remote"):
            if c.get("lcp") == "Open" and c.get("ipcp") == "Open":
                i = self.nasd["remote"].interface(c["interface"])
                if i.get("ipcp") == "Open" and \
                        i.get("local_address") not in (None, "0.0.0.0"):
                    return dict(c, **i)
        return None

    def vpdn(self, node):
        return self.nasd[node].json("show vpdn")

    def ping(self, node, addr, count=1, wait=2):
        return self.ns[node].run(["ping", "-n", "-c", str(count), "-i",
                                  "0.2", "-W", str(wait),
                                  addr]).returncode == 0

    # ---- the end

    def logs(self):
        out = {n: d.log() for n, d in self.nasd.items()}
        if self.pstn:
            out["pstn"] = self.pstn.log()
        if self.l2tpns:
            out["l2tpns"] = self.l2tpns.log()
            if self.l2tpns.radius:
                out["radresp"] = self.l2tpns.radius.log()
        return out

    def sanitizer_reports(self):
        import nasnet
        return {n: nasnet.sanitizer_report(d.log())
                for n, d in self.nasd.items()
                if nasnet.sanitizer_report(d.log())}

    def stop(self):
        if self.stopped:
            return
        self.stopped = True
        for d in self.nasd.values():
            if not d.logf.closed:
                d.stop()
        if self.l2tpns:
            self.l2tpns.stop()
        if self.pstn:
            self.pstn.stop()
        for n in self.ns.values():
            n.delete()

    def cleanup(self):
        if self.pstn:
            self.pstn.cleanup()


def lac_scenario(request, prefix="l2tp-"):
    """Generator body of the fixtures of test_l2tp_interop.py and
    test_l2tp_faults.py: skips without root, nasd or the pstn; yields a
    LacScenario (no node started); stops it by PID, prints every log when
    the test failed, fails on a sanitizer report."""
    import pytest
    import nasnet
    import pstnlib
    try:
        nasnet.need_root()
    except nasnet.SetupError as e:
        pytest.skip(str(e))
    why = pstnlib.missing()
    if why:
        pytest.skip(why)
    wd = nasnet.workdir(prefix)
    sc = LacScenario(wd)
    try:
        yield sc
    finally:
        sc.stop()
        rep = getattr(request.node, "rep_call", None)
        if rep is None or rep.failed:
            for name, text in sc.logs().items():
                print("===== %s log =====\n%s" % (name, text[-20000:]))
        reports = sc.sanitizer_reports()
        sc.cleanup()
        shutil.rmtree(wd, ignore_errors=True)
    assert not reports, "sanitizer reports: %r" % reports


def tshark_fields(path, display_filter, fields):
    """tshark -r path -Y filter -T fields: one list of field values per
    frame.  None when tshark is not installed."""
    if not shutil.which("tshark"):
        return None
    argv = ["tshark", "-n", "-r", path, "-Y", display_filter, "-T",
            "fields", "-E", "separator=|"]
    for f in fields:
        argv += ["-e", f]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise AssertionError("tshark failed: %s" % r.stderr)
    return [line.split("|") for line in r.stdout.splitlines()]


def tshark_malformed(path):
    """The frames of a capture tshark finds malformed or flags with an
    error-level expert item ("" when none)."""
    r = subprocess.run(["tshark", "-n", "-r", path, "-Y",
                        "_ws.malformed || _ws.expert.severity >= error"],
                       capture_output=True, text=True, timeout=60)
    return r.stdout.strip()


# ------------------------------ LAC scenario with a modem caller (nasdial)

MODEM_CALLER_NUMBER = "5279651"
LAC_MODEM_PSTN_BODY = (
    "subscriber 8211\n"
    " description LAC E1 PRI, digital modems\n"
    " isdn pri-e1\n"
    " endpoint attach\n"
    "subscriber 5279651\n"
    " description nasdial, an analog modem\n"
    " endpoint attach\n"
    " answer manual\n")
LAC_MODEM_DEBUGS = LAC_DEBUGS + ("modem",)
NASDIAL_DEBUGS = ("ppp negotiation", "ppp authentication", "chat")


class ModemLacScenario(LacScenario):
    """LacScenario with an analog caller: build/nasdial in the "remote"
    namespace, subscriber 5279651 of the phone network, dials the LAC's E1
    PRI (8211) as a voice call; a digital modem of the LAC
    (l2tp/lac_modem.cfg) answers it, the line autoselects PPP, CHAP says
    user@example.com and the call is forwarded to the LNS as an async one
    (bearer analog, framing async, Set-Link-Info from the LNS).

    start_remote() is not used here: dial() starts nasdial (a
    nasnet.Nasdial, .dialer), stopped with the rest by stop()."""

    # The same namespaces and veth as LacScenario; its phone network has
    # an analog subscriber for nasdial.
    @property
    def PSTN_BODY(self):
        return LAC_MODEM_PSTN_BODY

    def start_lac(self, tunnel_secret, group_extra="", l2tp_pcap=True,
                  dialin="  domain example.com\n"):
        """The LAC of l2tp/lac_modem.cfg with --l2tp-pcap; `dialin` is
        what request-dialin matches (its lines, indented two spaces).
        Waits for layer 2 on its PRI's D-channel."""
        import nasnet
        cfg = lac_config("lac_modem", attach=self.pstn.attach,
                         lns_addr=LNS_ADDR, lac_addr=LAC_ADDR,
                         tunnel_secret=tunnel_secret,
                         group_extra=group_extra, dialin=dialin)
        n = NasdL2tp.start("LAC", self.ns["lac"], self.wd, cfg,
                           LAC_MODEM_DEBUGS, l2tp_pcap=l2tp_pcap)
        self.nasd["lac"] = n

        def pri_up():
            return any(i["interface"] == "Serial0:15" and i["layer2_up"]
                       for i in n.json("show isdn status")["interfaces"])
        nasnet.wait_until(pri_up, timeout=20,
                          what="ISDN layer 2 on the LAC's PRI")
        return n

    def dial(self, extra=()):
        """nasdial dials the LAC's PRI as user@example.com with the
        password from a file, its address on TUN "dial0" of the remote
        namespace; returns the nasnet.Nasdial."""
        import nasnet
        pw = os.path.join(self.wd, "nasdial.pw")
        with open(pw, "w") as f:
            f.write(self.user_secret + "\n")
        args = ["--device", "pstn:%s:%s" % (self.pstn.attach,
                                             MODEM_CALLER_NUMBER),
                "--user", self.user, "--password-file", pw,
                "--tun", "dial0"]
        for d in NASDIAL_DEBUGS:
            args += ["-d", d]
        self.dialer = nasnet.Nasdial(self.ns["remote"], self.wd,
                                     args + list(extra) + [LAC_NUMBER])
        return self.dialer

    def logs(self):
        out = super().logs()
        if self.dialer:
            out["nasdial"] = self.dialer.log()
        return out

    def sanitizer_reports(self):
        out = super().sanitizer_reports()
        if self.dialer and self.dialer.sanitizer_report():
            out["nasdial"] = self.dialer.sanitizer_report()
        return out

    def stop(self):
        if self.stopped:
            return
        if self.dialer and not self.dialer.logf.closed:
            self.dialer.close()
        super().stop()


def modem_lac_scenario(request, prefix="l2tp-modem-", **kw):
    """lac_scenario() for a ModemLacScenario (kw: its user and
    user_secret): also skips when nasdial is not built."""
    import pytest
    import nasnet
    import pstnlib
    try:
        nasnet.need_root()
    except nasnet.SetupError as e:
        pytest.skip(str(e))
    why = pstnlib.missing()
    if why:
        pytest.skip(why)
    if not os.access(nasnet.NASDIAL, os.X_OK):
        pytest.skip("%s not built (run make)" % nasnet.NASDIAL)
    if not os.path.exists("/dev/net/tun"):
        pytest.skip("/dev/net/tun is missing (nasdial --tun)")
    wd = nasnet.workdir(prefix)
    sc = ModemLacScenario(wd, **kw)
    try:
        yield sc
    finally:
        sc.stop()
        rep = getattr(request.node, "rep_call", None)
        if rep is None or rep.failed:
            for name, text in sc.logs().items():
                print("===== %s log =====\n%s" % (name, text[-20000:]))
        reports = sc.sanitizer_reports()
        sc.cleanup()
        shutil.rmtree(wd, ignore_errors=True)
    assert not reports, "sanitizer reports: %r" % reports



if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--cli":
        _cli_main(sys.argv[2:])
    else:
        sys.stderr.write("usage: l2tpnslib.py --cli COMMAND...\n")
        sys.exit(2)
