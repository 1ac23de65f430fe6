# SPDX-License-Identifier: GPL-2.0-or-later
"""pstnlib: helpers for the build/pstn integration tests.

  Pstn      one pstn process from a config text: started in a fresh
            directory, its CLI through build/nas, JSON show output,
            stopped by PID (its stderr is kept for failing tests)
  PtyDte    a program on a line's pty slave: raw mode, write, expect
  AttachDte a client of the attach socket speaking the pstn_wire
            protocol (doc/pstn-protocol.md) with struct + SOCK_SEQPACKET

Nothing here needs root or a namespace: the pstn's sockets are Unix
sockets in the test's directory and its TCP listeners are on 127.0.0.1.
"""

import json
import os
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import tty

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
BUILD = os.environ.get("NASD_BUILD", os.path.join(ROOT, "build"))
PSTN = os.path.join(BUILD, "pstn")
NAS = os.path.join(BUILD, "nas")

MSG_ATTACH, MSG_ATTACHED, MSG_ERROR, MSG_DATA, MSG_SIGNALS = 1, 2, 3, 4, 5
SIG_DTR, SIG_RTS, SIG_DCD, SIG_DSR, SIG_RI, SIG_CTS = (
    0x01, 0x02, 0x10, 0x20, 0x40, 0x80)


def missing():
    """A reason to skip, or None."""
    for b in (PSTN, NAS):
        if not os.access(b, os.X_OK):
            return "%s not built (run make)" % b
    return None


def wait_until(pred, timeout=10.0, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    raise AssertionError("timed out waiting for %s" % what)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Pstn:
    def __init__(self, body, connect_delay=200):
        self.dir = tempfile.mkdtemp(prefix="pstn-test-")
        self.vty = os.path.join(self.dir, "pstn.vty")
        self.attach = os.path.join(self.dir, "attach.sock")
        self.conf = os.path.join(self.dir, "pstn.conf")
        with open(self.conf, "w") as f:
            f.write("attach-socket %s\ncli-socket %s\nconnect-delay %d\n"
                    % (self.attach, self.vty, connect_delay))
            f.write(body.replace("@DIR@", self.dir))
        self.logpath = os.path.join(self.dir, "pstn.log")
        self.logf = open(self.logpath, "w")
        self.proc = subprocess.Popen([PSTN, "-f", self.conf, "-d"],
                                     stdout=self.logf,
                                     stderr=subprocess.STDOUT)
        wait_until(lambda: os.path.exists(self.vty) or
                   self.proc.poll() is not None, what="pstn CLI socket")
        if self.proc.poll() is not None:
            raise AssertionError("pstn exited:\n" + self.log())

    def path(self, name):
        return os.path.join(self.dir, name)

    def cli(self, cmd):
        r = subprocess.run([NAS, "-s", self.vty, "-c", cmd],
                           capture_output=True, text=True, timeout=10)
        return r.stdout + r.stderr

    def json(self, cmd):
        return json.loads(self.cli(cmd + " json"))

    def calls(self):
        return self.json("show calls")["calls"]

    def log(self):
        with open(self.logpath) as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.logf.close()

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Dte:
    """Common expect logic over a read() function."""

    def __init__(self):
        self.buf = b""

    def expect(self, pattern, timeout=5.0):
        """Read until `pattern` (bytes regex) matches; return the match
        and drop everything up to its end."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("expected %r, got %r" %
                                     (pattern, self.buf))
            self._fill(min(left, 0.2))

    def read_for(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._fill(0.05)
        b, self.buf = self.buf, b""
        return b

    def read_n(self, n, timeout=10.0):
        deadline = time.monotonic() + timeout
        while len(self.buf) < n and time.monotonic() < deadline:
            self._fill(0.1)
        b, self.buf = self.buf[:n], self.buf[n:]
        return b


class PtyDte(Dte):
    def __init__(self, path):
        super().__init__()
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)
        self.eof = False

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        os.write(self.fd, data)

    def _fill(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if r:
            try:
                d = os.read(self.fd, 4096)
            except OSError:
                d = b""
            if not d:
                self.eof = True
                time.sleep(timeout)
            self.buf += d

    def close(self):
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class AttachDte(Dte):
    def __init__(self, path):
        super().__init__()
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock.connect(path)
        self.signals = None
        self.errors = []
        self.attached = None

    def put(self, mtype, payload=b"", channel=0):
        self.sock.send(struct.pack("BB", mtype, channel) + payload)

    def attach(self, number, role=1):
        self.put(MSG_ATTACH, struct.pack("B", role) + number.encode())

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.put(MSG_DATA, data)

    def set_signals(self, bits):
        self.put(MSG_SIGNALS, struct.pack("B", bits))

    def _fill(self, timeout):
        r, _, _ = select.select([self.sock], [], [], timeout)
        if not r:
            return
        msg = self.sock.recv(8192)
        if not msg:
            time.sleep(timeout)
            return
        mtype = msg[0]
        if mtype == MSG_DATA:
            self.buf += msg[2:]
        elif mtype == MSG_SIGNALS:
            self.signals = msg[2]
        elif mtype == MSG_ATTACHED:
            self.attached = msg[2:].decode()
        elif mtype == MSG_ERROR:
            self.errors.append(msg[2:].decode())

    def wait_signals(self, pred, timeout=5.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.signals is not None and pred(self.signals):
                return self.signals
            self._fill(0.1)
        raise AssertionError("signals %r" % self.signals)

    def close(self):
        self.sock.close()


def serve(body, **kw):
    """Generator body of the tests' `pstn` fixtures: skips when the pstn
    or nas is not built, yields a Pstn running `body` (kw go to Pstn),
    then stops it, prints the tail of its log and removes its files."""
    import pytest

    why = missing()
    if why:
        pytest.skip(why)
    p = Pstn(body, **kw)
    yield p
    p.stop()
    print("===== pstn log =====\n" + p.log()[-30000:])
    p.cleanup()
