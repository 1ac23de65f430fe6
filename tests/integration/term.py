# SPDX-License-Identifier: GPL-2.0-or-later
"""term: a scripted terminal user (or fake modem) on a pty or socket, for
the line tests: write text, wait for an expected string with a deadline,
keep everything seen for the failure message."""

import os
import select
import socket
import struct
import termios
import time
import tty


class Term:
    """A raw serial endpoint: a pty path (opened here) or an fd."""

    def __init__(self, path=None, fd=None):
        if path:
            self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
            try:
                tty.setraw(self.fd)
                attrs = termios.tcgetattr(self.fd)
                attrs[3] &= ~termios.ECHO
                termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
            except termios.error:
                pass
        else:
            self.fd = fd
        self.seen = b""

    def write(self, data):
        if isinstance(data, str):
            data = data.encode()
        os.write(self.fd, data)

    def read_some(self, timeout=0.2):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return b""
        try:
            data = os.read(self.fd, 4096)
        except OSError:
            return b""
        self.seen += data
        return data

    def expect(self, pattern, timeout=10.0):
        """Wait until `pattern` (str or bytes) has been seen after the
        last expect; returns everything seen up to and including it."""
        if isinstance(pattern, str):
            pattern = pattern.encode()
        deadline = time.monotonic() + timeout
        start = getattr(self, "_mark", 0)
        while True:
            i = self.seen.find(pattern, start)
            if i >= 0:
                self._mark = i + len(pattern)
                return self.seen[start:self._mark].decode(errors="replace")
            if time.monotonic() > deadline:
                raise AssertionError(
                    "timed out waiting for %r; seen so far:\n%r" %
                    (pattern, self.seen[start:]))
            self.read_some(0.1)

    def close(self):
        try:
            os.close(self.fd)
        except OSError:
            pass


class FakeModem(Term):
    """The modem side of a line: answers AT commands the way a Hayes modem
    does, with a scripted outcome for ATD (`CONNECT 33600`, `BUSY`,
    `NO ANSWER`, or None to stay silent)."""

    def __init__(self, path, dial_result="CONNECT 33600"):
        super().__init__(path=path)
        self.dial_result = dial_result
        self.commands = []
        self.online = False

    def serve(self, duration):
        """Answer commands for `duration` seconds."""
        deadline = time.monotonic() + duration
        buf = b""
        while time.monotonic() < deadline:
            data = self.read_some(0.05)
            if self.online:
                continue
            buf += data
            while b"\r" in buf:
                line, buf = buf.split(b"\r", 1)
                cmd = line.strip().decode(errors="replace")
                if not cmd:
                    continue
                self.commands.append(cmd)
                up = cmd.upper()
                if up.startswith("ATD"):
                    if self.dial_result:
                        self.write("\r\n%s\r\n" % self.dial_result)
                        self.online = self.dial_result.startswith(
                            "CONNECT")
                elif up.startswith("AT"):
                    self.write("\r\nOK\r\n")


class PstnClient:
    """A DTE attached to the built-in phone network over its attach socket
    (doc/pstn-protocol.md), for tests that do not need a pty."""

    def __init__(self, sock_path, number):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.s.connect(sock_path)
        self.s.send(bytes([1, 0, 1]) + number.encode())
        self.data = b""
        self.signals = 0
        t, ch, payload = self.recv(5.0)
        if t != 2:
            raise AssertionError("attach refused: %r" % payload)

    def recv(self, timeout):
        self.s.settimeout(timeout)
        msg = self.s.recv(8192)
        return msg[0], msg[1], msg[2:]

    def send(self, data):
        self.s.send(bytes([4, 0]) + data)

    def set_dtr(self, on):
        self.s.send(bytes([5, 0, 0x03 if on else 0]))

    def pump(self, timeout=0.1):
        try:
            t, ch, p = self.recv(timeout)
        except socket.timeout:
            return
        if t == 4:
            self.data += p
        elif t == 5:
            self.signals = p[0]

    def close(self):
        self.s.close()


def u32(v):
    return struct.pack(">I", v)
