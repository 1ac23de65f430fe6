# SPDX-License-Identifier: GPL-2.0-or-later
"""End-to-end tests of `nas`, the CLI client (src/tools/), against a fake
nasd CLI server speaking the record protocol of doc/vty-protocol.md.

The fake server is written here with socket+struct, independently of the C
codec, so a mistake in vty_proto.c cannot hide itself.  Batch mode (-c, -f)
runs nas as a plain subprocess; interactive behaviour (`?` help, Tab, the
password prompt, monitor text while typing, Ctrl-C/Ctrl-D) is driven
through a pseudo-terminal.

The binary is $NAS_BIN, or build/nas in the source tree.  Run by hand as
    /usr/bin/python3 -m pytest tests/integration/test_nas_client.py
or start the fake server alone to try nas in a terminal:
    /usr/bin/python3 tests/integration/test_nas_client.py /tmp/fake.vty
"""
import errno
import fcntl
import os
import pty
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

try:
    import pytest
except ImportError:  # run as a script: the fake server alone
    pytest = None

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
NAS = os.environ.get("NAS_BIN", os.path.join(ROOT, "build", "nas"))
TIMEOUT_S = 10

if pytest is not None:
    pytestmark = pytest.mark.skipif(
        not os.access(NAS, os.X_OK),
        reason=f"{NAS} not built (run `make` first or set NAS_BIN)")


def rec(rtype, payload=b""):
    """Encode one record: type octet, 32-bit big-endian length, payload."""
    if isinstance(payload, str):
        payload = payload.encode()
    return rtype + struct.pack(">I", len(payload)) + payload


def end(status, prompt):
    return rec(b"E", status + prompt.encode())


HELP_EXEC = ("  configure  Enter configuration mode\n"
             "  enable     Turn on privileged commands\n"
             "  exit       Exit from the EXEC\n"
             "  show       Show running system information\n\n")
HELP_SHOW = ("  interfaces  Interface status and configuration\n"
             "  version     System hardware and software status\n\n")
INVALID = "% Invalid input detected at '^' marker.\n"


class FakeVty:
    """A scripted nasd CLI: IOS-like modes, enable password, help,
    completion, monitor text.  Every record received is kept in
    `received` as (type, payload) with payloads decoded as text."""

    def __init__(self, path, prompt="Router#", secret=None,
                 byte_by_byte=False, greeting=None, banner=None):
        self.path = path
        self.initial = prompt
        self.secret = secret
        self.byte_by_byte = byte_by_byte
        self.greeting = greeting
        self.banner = banner
        self.received = []
        self.conns = []
        self.lock = threading.Lock()
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(4)
        self.stopping = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    # -- plumbing -------------------------------------------------------

    def _accept(self):
        # accept() times out now and then so close() can stop this thread
        # and join it before closing the socket: closing a socket another
        # thread is about to accept() on lets the next socket that reuses
        # the descriptor number (the next test's server) be served here.
        self.sock.settimeout(0.05)
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn.settimeout(None)
            with self.lock:
                self.conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,),
                             daemon=True).start()

    def _send(self, conn, data):
        if self.byte_by_byte:
            for i in range(len(data)):
                conn.sendall(data[i:i + 1])
                time.sleep(0.0005)
        else:
            conn.sendall(data)

    def _recv_exact(self, conn, n):
        buf = b""
        while len(buf) < n:
            chunk = conn.recv(n - len(buf))
            if not chunk:
                return None
            buf += chunk
        return buf

    def _serve(self, conn):
        state = {"prompt": self.initial, "await_password": False}
        try:
            if self.greeting is not None:
                self._send(conn, self.greeting)
            else:
                self._send(conn, (rec(b"O", self.banner) if self.banner
                                  else b"") + end(b"0", state["prompt"]))
            while True:
                hdr = self._recv_exact(conn, 5)
                if hdr is None:
                    return
                rtype = hdr[:1]
                (length,) = struct.unpack(">I", hdr[1:])
                payload = self._recv_exact(conn, length) if length else b""
                if payload is None:
                    return
                with self.lock:
                    self.received.append((rtype.decode(),
                                          payload.decode()))
                reply = self.respond(state, rtype.decode(), payload.decode())
                self._send(conn, reply)
                if reply.endswith(end(b"3", "")):
                    conn.shutdown(socket.SHUT_RDWR)
                    return
        except OSError:
            return
        finally:
            # Under the lock: push() and close() use the same socket from
            # the test's thread.
            with self.lock:
                self.conns.remove(conn)
                conn.close()

    def push(self, data):
        """Send raw bytes (e.g. an 'M' record) to every client now."""
        with self.lock:
            for conn in self.conns:
                try:
                    conn.sendall(data)
                except OSError:
                    pass

    def requests(self, rtype=None):
        with self.lock:
            return [p for t, p in self.received if rtype in (None, t)]

    def wait_for(self, rtype, payload, timeout=TIMEOUT_S):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if (rtype, payload) in self.received:
                return True
            time.sleep(0.01)
        return False

    def close(self):
        self.stopping = True
        if threading.current_thread() is not self.thread:
            self.thread.join()
        self.sock.close()
        with self.lock:
            for conn in self.conns:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    # -- the scripted CLI -----------------------------------------------

    def respond(self, state, rtype, text):
        prompt = state["prompt"]
        config = "(config" in prompt
        if rtype == "P":
            if text == self.secret:
                state["prompt"] = "Router#"
                return end(b"0", state["prompt"])
            return rec(b"O", "% Bad secrets\n") + end(b"1", prompt)
        if rtype == "H":
            if text.strip() == "show" and text.endswith(" "):
                return rec(b"O", HELP_SHOW) + end(b"0", prompt)
            if text == "":
                return rec(b"O", HELP_EXEC) + end(b"0", prompt)
            if text == "sh":
                return rec(b"O", "show  \n\n") + end(b"0", prompt)
            return rec(b"O", "% Unrecognized command\n") + end(b"1", prompt)
        if rtype == "C":
            if text == "sh":
                return rec(b"L", "show ") + end(b"0", prompt)
            if text == "show int":
                return rec(b"L", "show interfaces ") + end(b"0", prompt)
            if text == "e":
                return (rec(b"O", "enable  exit\n") + end(b"1", prompt))
            return end(b"1", prompt)
        # rtype == "X"
        words = text.split()
        if text == "enable":
            if self.secret is None:
                state["prompt"] = "Router#"
                return end(b"0", state["prompt"])
            return end(b"2", "Password: ")
        if text == "show interfaces Async1":
            return (rec(b"O", "Async1 is up, line protocol is up\n")
                    + rec(b"O", "  Hardware is Async Serial\n")
                    + end(b"0", prompt))
        if text == "show version":
            return rec(b"O", "nasd fake 0.1\n") + end(b"0", prompt)
        if text == "show monitor":
            return (rec(b"M", "*Mar  1 00:00:01.000: %LINK-3-UPDOWN: "
                        "Interface Async1, changed state to up\n")
                    + rec(b"O", "monitor shown\n") + end(b"0", prompt))
        if text in ("configure terminal", "conf t"):
            if not prompt.endswith("#"):
                return rec(b"O", INVALID) + end(b"1", prompt)
            state["prompt"] = "Router(config)#"
            return (rec(b"O", "Enter configuration commands, one per "
                        "line.  End with CNTL/Z.\n")
                    + end(b"0", state["prompt"]))
        if words[:1] == ["interface"] and config:
            state["prompt"] = "Router(config-if)#"
            return end(b"0", state["prompt"])
        if words[:2] == ["ip", "address"] and "config-if" in prompt:
            return end(b"0", prompt)
        if text == "end" and config:
            state["prompt"] = "Router#"
            return end(b"0", state["prompt"])
        if text == "exit":
            if config:
                state["prompt"] = ("Router(config)#" if "config-" in prompt
                                   else "Router#")
                return end(b"0", state["prompt"])
            return end(b"3", "")
        if text == "big":
            return (rec(b"O", "x" * 300000 + "\n")
                    + end(b"0", prompt))
        if text == "bad-record":
            return b"Q\x00\x00\x00\x00"
        if text == "oversize":
            return b"O\x00\x10\x00\x01"
        return rec(b"O", INVALID) + end(b"1", prompt)


# -- fixtures ---------------------------------------------------------------

if pytest is not None:
    @pytest.fixture
    def sockdir():
        with tempfile.TemporaryDirectory(prefix="nas-test-") as d:
            yield d

    @pytest.fixture
    def server_factory(sockdir):
        servers = []

        def make(**kw):
            srv = FakeVty(os.path.join(sockdir, f"vty{len(servers)}"), **kw)
            servers.append(srv)
            return srv
        yield make
        for srv in servers:
            srv.close()

    @pytest.fixture
    def server(server_factory):
        return server_factory()


def run_nas(path, *args, stdin=subprocess.DEVNULL, input_text=None):
    kw = {"stdin": stdin} if input_text is None else {"input": input_text}
    return subprocess.run([NAS, "-s", path, *args], capture_output=True,
                          text=True, timeout=TIMEOUT_S,
                          start_new_session=True, **kw)


# -- batch mode ---------------------------------------------------------------

def test_command_prints_output_and_exits_0(server):
    r = run_nas(server.path, "-c", "show interfaces Async1")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("Async1 is up, line protocol is up\n"
                        "  Hardware is Async Serial\n")
    assert r.stderr == ""
    assert server.requests() == ["show interfaces Async1"]


def test_failed_command_exits_1(server):
    r = run_nas(server.path, "-c", "show bogus")
    assert r.returncode == 1
    assert r.stdout == INVALID


def test_monitor_text_is_printed(server):
    r = run_nas(server.path, "-c", "show monitor")
    assert r.returncode == 0
    assert r.stdout == ("*Mar  1 00:00:01.000: %LINK-3-UPDOWN: Interface "
                        "Async1, changed state to up\nmonitor shown\n")


def test_greeting_banner_not_printed_in_batch(server_factory):
    srv = server_factory(banner="Welcome to nasd\n")
    r = run_nas(srv.path, "-c", "show version")
    assert r.returncode == 0
    assert r.stdout == "nasd fake 0.1\n"


def test_byte_by_byte_stream(server_factory):
    srv = server_factory(byte_by_byte=True)
    r = run_nas(srv.path, "-c", "show interfaces Async1", "-c",
                "show version")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("Async1 is up, line protocol is up\n"
                        "  Hardware is Async Serial\nnasd fake 0.1\n")


def test_multiple_commands_in_order(server):
    r = run_nas(server.path, "-c", "configure terminal", "-c",
                "interface Async1", "-c", "ip address 10.0.0.1 255.0.0.0",
                "-c", "end", "-c", "show version")
    assert r.returncode == 0, r.stderr
    assert server.requests() == [
        "configure terminal", "interface Async1",
        "ip address 10.0.0.1 255.0.0.0", "end", "show version"]
    assert r.stdout.endswith("nasd fake 0.1\n")


def test_multiple_commands_stop_at_first_error(server):
    r = run_nas(server.path, "-c", "show version", "-c", "show bogus",
                "-c", "show interfaces Async1")
    assert r.returncode == 1
    assert server.requests() == ["show version", "show bogus"]


def test_keep_going_runs_everything_and_still_fails(server):
    r = run_nas(server.path, "-k", "-c", "show bogus", "-c",
                "show version")
    assert r.returncode == 1
    assert server.requests() == ["show bogus", "show version"]
    assert r.stdout == INVALID + "nasd fake 0.1\n"


def test_multiline_command_argument(server):
    r = run_nas(server.path, "-c", "conf t\ninterface Async1\nend")
    assert r.returncode == 0
    assert server.requests() == ["conf t", "interface Async1", "end"]


def test_file_runs_lines_and_skips_comments(server, sockdir):
    path = os.path.join(sockdir, "cmds.txt")
    with open(path, "w") as f:
        f.write("! a comment\n\nconfigure terminal\n"
                "interface Async1\n ip address 10.0.0.1 255.0.0.0\r\n"
                "end\nshow version")  # no newline at the end
    r = run_nas(server.path, "-f", path)
    assert r.returncode == 0, r.stderr
    assert server.requests() == [
        "configure terminal", "interface Async1",
        " ip address 10.0.0.1 255.0.0.0", "end", "show version"]


def test_file_stops_at_first_error_and_names_the_line(server, sockdir):
    path = os.path.join(sockdir, "cmds.txt")
    with open(path, "w") as f:
        f.write("show version\n\nshow bogus\nshow interfaces Async1\n")
    r = run_nas(server.path, "-f", path)
    assert r.returncode == 1
    assert server.requests() == ["show version", "show bogus"]
    assert f"{path}:3: command failed" in r.stderr


def test_file_keep_going(server, sockdir):
    path = os.path.join(sockdir, "cmds.txt")
    with open(path, "w") as f:
        f.write("show bogus\nshow version\n")
    r = run_nas(server.path, "-k", "-f", path)
    assert r.returncode == 1
    assert server.requests() == ["show bogus", "show version"]


def test_missing_file(server, sockdir):
    r = run_nas(server.path, "-f", os.path.join(sockdir, "nope"))
    assert r.returncode == 1
    assert "cannot open" in r.stderr and "nope" in r.stderr


def test_stdin_not_a_terminal_runs_lines(server):
    r = run_nas(server.path, input_text="show version\nshow bogus\n"
                "show version\n")
    assert r.returncode == 1
    assert server.requests() == ["show version", "show bogus"]
    assert "<stdin>:2: command failed" in r.stderr


def test_missing_socket_is_a_clear_error(sockdir):
    path = os.path.join(sockdir, "no-such.vty")
    r = run_nas(path, "-c", "show version")
    assert r.returncode == 1
    assert r.stdout == ""
    assert path in r.stderr
    assert "No such file or directory" in r.stderr
    assert r.stderr.startswith("nas: ")


def test_refused_socket_is_a_clear_error(sockdir):
    path = os.path.join(sockdir, "dead.vty")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)  # bound but not listening: connection refused
    try:
        r = run_nas(path, "-c", "show version")
    finally:
        s.close()
    assert r.returncode == 1
    assert path in r.stderr and "refused" in r.stderr


def test_user_exec_session_enters_enable_first(server_factory):
    srv = server_factory(prompt="Router>")
    r = run_nas(srv.path, "-c", "configure terminal")
    assert r.returncode == 0, r.stderr
    assert srv.requests() == ["enable", "configure terminal"]


def test_enable_password_without_terminal_fails_clearly(server_factory):
    srv = server_factory(prompt="Router>", secret="s3cret")
    r = run_nas(srv.path, "-c", "show version")
    assert r.returncode == 1
    assert "password" in r.stderr
    assert srv.requests("X") == ["enable"]


def test_server_closing_mid_batch(server):
    r = run_nas(server.path, "-c", "exit", "-c", "show version")
    assert r.returncode == 1
    assert "closed the session" in r.stderr
    assert server.requests() == ["exit"]


def test_exit_as_last_command_is_fine(server):
    r = run_nas(server.path, "-c", "show version", "-c", "exit")
    assert r.returncode == 0, r.stderr


def test_large_output(server):
    r = run_nas(server.path, "-c", "big")
    assert r.returncode == 0
    assert r.stdout == "x" * 300000 + "\n"


def test_unknown_record_type_is_a_protocol_error(server):
    r = run_nas(server.path, "-c", "bad-record")
    assert r.returncode == 1
    assert "protocol error" in r.stderr and server.path in r.stderr


def test_oversize_record_is_a_protocol_error(server):
    r = run_nas(server.path, "-c", "oversize")
    assert r.returncode == 1
    assert "protocol error" in r.stderr and "1 MiB" in r.stderr


def test_server_vanishing_mid_record(server_factory):
    srv = server_factory(greeting=b"E\x00\x00\x00\x09" + b"0Rou")
    srv.respond = None  # never reached
    t = threading.Timer(0.3, srv.close)
    t.start()
    r = run_nas(srv.path, "-c", "show version")
    t.join()
    assert r.returncode == 1
    assert "closed" in r.stderr


def test_greeting_closing_status(server_factory):
    srv = server_factory(greeting=rec(b"O", "% All vty lines in use\n")
                         + end(b"3", ""))
    r = run_nas(srv.path, "-c", "show version")
    assert r.returncode == 1
    assert "% All vty lines in use" in r.stderr
    assert "closed the session" in r.stderr


def test_usage():
    r = subprocess.run([NAS, "-h"], capture_output=True, text=True,
                       timeout=TIMEOUT_S)
    assert r.returncode == 0
    assert "/run/nasd/nasd.vty" in r.stdout
    assert "-c" in r.stdout and "-f" in r.stdout and "-k" in r.stdout
    r = subprocess.run([NAS, "-x"], capture_output=True, text=True,
                       timeout=TIMEOUT_S)
    assert r.returncode == 2
    r = subprocess.run([NAS, "stray"], capture_output=True, text=True,
                       timeout=TIMEOUT_S)
    assert r.returncode == 2 and "stray" in r.stderr


# -- interactive mode through a pseudo-terminal --------------------------------

class Term:
    """nas on a pty: send keys, read the screen's byte stream."""

    def __init__(self, path, *args, cols=80):
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["TERM"] = "xterm"
            os.environ.pop("EDITRC", None)
            os.environ["HOME"] = "/nonexistent"
            try:
                os.execv(NAS, [NAS, "-s", path, *args])
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 24, cols, 0, 0))
        self.out = b""
        self.status = None

    def read_some(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError as e:
            if e.errno == errno.EIO:  # child closed the pty
                return None
            raise
        if not data:
            return None
        self.out += data
        return True

    def expect(self, pattern, timeout=TIMEOUT_S):
        """Wait until the output after `mark` matches; return the match."""
        if isinstance(pattern, str):
            pattern = re.escape(pattern.encode())
        deadline = time.monotonic() + timeout
        while True:
            m = re.search(pattern, self.out[self.mark_at:], re.S)
            if m:
                return m
            left = deadline - time.monotonic()
            if left <= 0 or self.read_some(left) is None:
                m = re.search(pattern, self.out[self.mark_at:], re.S)
                if m:
                    return m
                raise AssertionError(
                    f"timed out waiting for {pattern!r}; screen bytes "
                    f"since mark: {self.out[self.mark_at:]!r}")

    mark_at = 0

    def mark(self):
        """Later expect() calls look only at output from now on."""
        self.drain(0.05)
        self.mark_at = len(self.out)

    def drain(self, quiet_s=0.2):
        while self.read_some(quiet_s):
            pass

    def wait_mode(self, mode, timeout=TIMEOUT_S):
        """Wait until nas has put the terminal in `mode`: "edit" (libedit
        reading keys one by one, canonical mode off) or "password"
        (canonical, echo off).  libedit draws the prompt before it switches
        modes, so keys sent on seeing the prompt could otherwise be read
        by the terminal's line discipline, where ^C and ^D mean
        something else."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lflag = termios.tcgetattr(self.fd)[3]
            if mode == "edit" and not lflag & termios.ICANON:
                return
            if (mode == "password" and lflag & termios.ICANON
                    and not lflag & termios.ECHO):
                return
            self.read_some(0.01)
        raise AssertionError(f"terminal never entered {mode} mode; "
                             f"output: {self.out!r}")

    def send(self, keys, mode="edit"):
        if mode:
            self.wait_mode(mode)
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def wait(self, timeout=TIMEOUT_S):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                self.drain(0.05)
                return self.status
            self.read_some(0.05)
        raise AssertionError("nas did not exit; output: %r" % self.out)

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.fd)


if pytest is not None:
    @pytest.fixture
    def term_factory():
        terms = []

        def make(path, *args, **kw):
            t = Term(path, *args, **kw)
            terms.append(t)
            return t
        yield make
        for t in terms:
            t.close()


def test_interactive_prompt_command_and_exit(server_factory, term_factory):
    srv = server_factory(banner="Welcome to nasd\n")
    t = term_factory(srv.path)
    t.expect("Welcome to nasd")
    t.expect("Router#")
    t.mark()
    t.send("show version\r")
    t.expect("nasd fake 0.1")
    t.expect("Router#")
    t.send("exit\r")
    assert t.wait() == 0
    assert srv.requests() == ["show version", "exit"]


def test_interactive_ctrl_d_leaves(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.send("\x04")
    assert t.wait() == 0
    assert server.requests() == []


def test_question_mark_sends_help_and_redraws(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.mark()
    t.send("show ?")
    # The help appears under "show ?" and the prompt comes back with the
    # partial line, no newline entered (no 'X' record).
    m = t.expect(rb"show \?\r\n(.*)Router#show $")
    assert b"interfaces  Interface status" in m.group(1)
    assert b"version     System hardware" in m.group(1)
    assert server.requests() == ["show "]
    assert server.received == [("H", "show ")]
    t.mark()
    t.send("version\r")
    t.expect("nasd fake 0.1")
    assert server.wait_for("X", "show version")


def test_question_mark_on_empty_line(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.mark()
    t.send("?")
    t.expect(rb"\?\r\n.*Enter configuration mode.*Router#$")
    assert server.received == [("H", "")]


def test_question_mark_mid_line_sends_text_before_cursor(server,
                                                         term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.send("sh version")
    t.drain()
    t.send("\x01\x1b[C\x1b[C")  # Ctrl-A, right, right: cursor after "sh"
    t.drain()
    t.mark()
    t.send("?")
    t.expect(rb"show  .*Router#sh version")
    assert server.received == [("H", "sh")]
    # The line is intact: finishing it runs the whole line.
    t.send("\r")
    assert server.wait_for("X", "sh version")


def test_tab_completes_from_server(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.send("sh\t")
    assert server.wait_for("C", "sh")
    t.send("int\t")
    assert server.wait_for("C", "show int")
    t.send("Async1\r")
    assert server.wait_for("X", "show interfaces Async1")
    t.expect("Hardware is Async Serial")


def test_tab_lists_candidates(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.mark()
    t.send("e\t")
    t.expect(rb"\r\nenable  exit\r\n.*Router#e$")
    t.send("xit\r")
    assert t.wait() == 0
    assert server.requests("X") == ["exit"]


def test_password_prompt_does_not_echo(server_factory, term_factory):
    srv = server_factory(prompt="Router>", secret="s3cret")
    t = term_factory(srv.path)
    t.expect("Router>")
    t.send("enable\r")
    t.expect("Password: ")
    t.mark()
    t.send("s3cret\r", mode="password")
    t.expect("Router#")
    assert b"s3cret" not in t.out
    assert srv.received == [("X", "enable"), ("P", "s3cret")]
    # Echo is back for ordinary input afterwards.
    t.mark()
    t.send("show version\r")
    t.expect("show version")
    t.expect("nasd fake 0.1")


def test_wrong_password(server_factory, term_factory):
    srv = server_factory(prompt="Router>", secret="s3cret")
    t = term_factory(srv.path)
    t.expect("Router>")
    t.send("enable\r")
    t.expect("Password: ")
    t.send("guess\r", mode="password")
    t.expect("% Bad secrets")
    t.expect("Router>")
    assert b"guess" not in t.out


def test_login_password_in_greeting(server_factory, term_factory):
    srv = server_factory(secret="letmein",
                         greeting=end(b"2", "Password: "))
    t = term_factory(srv.path)
    t.expect("Password: ")
    t.send("letmein\r", mode="password")
    t.expect("Router#")
    assert srv.received == [("P", "letmein")]
    assert b"letmein" not in t.out


def test_monitor_text_at_password_prompt(server_factory, term_factory):
    srv = server_factory(prompt="Router>", secret="s3cret")
    t = term_factory(srv.path)
    t.expect("Router>")
    t.send("enable\r")
    t.expect("Password: ")
    t.mark()
    srv.push(rec(b"M", "%SYS-5-CONFIG_I: Configured from console\n"))
    t.expect(rb"%SYS-5-CONFIG_I: Configured from console\r\nPassword: ")
    t.send("s3cret\r", mode="password")
    t.expect("Router#")
    assert srv.received == [("X", "enable"), ("P", "s3cret")]


def test_ctrl_c_at_password_prompt_answers_empty(server_factory,
                                                 term_factory):
    srv = server_factory(prompt="Router>", secret="s3cret")
    t = term_factory(srv.path)
    t.expect("Router>")
    t.send("enable\r")
    t.expect("Password: ")
    t.send("abc\x03", mode="password")
    t.expect("% Bad secrets")
    t.expect("Router>")
    assert srv.received == [("X", "enable"), ("P", "")]
    # The terminal echoes again.
    t.mark()
    t.send("show version\r")
    t.expect("show version")
    t.expect("nasd fake 0.1")


def test_sigterm_at_password_prompt_restores_echo(server_factory,
                                                   term_factory):
    srv = server_factory(prompt="Router>", secret="s3cret")
    t = term_factory(srv.path)
    t.expect("Router>")
    t.send("enable\r")
    t.expect("Password: ")
    t.wait_mode("password")
    os.kill(t.pid, signal.SIGTERM)
    assert t.wait() == -signal.SIGTERM
    attrs = termios.tcgetattr(t.fd)
    assert attrs[3] & termios.ECHO
    assert srv.received == [("X", "enable")]


def test_ctrl_c_clears_the_line(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.send("garbage")
    t.drain()
    t.mark()
    t.send("\x03")
    t.expect(rb"\^C\r\nRouter#$")
    t.send("show version\r")
    t.expect("nasd fake 0.1")
    assert server.requests() == ["show version"]


def test_ctrl_z_leaves_config_mode(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.send("configure terminal\r")
    t.expect("Router(config)#")
    t.send("interface Async1\r")
    t.expect("Router(config-if)#")
    t.mark()
    t.send("ip add\x1a")
    t.expect(rb"\^Z\r\n.*Router#$")
    assert server.requests() == ["configure terminal", "interface Async1",
                                 "end"]


def test_history_recalls_previous_line(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.send("show version\r")
    t.expect("nasd fake 0.1")
    t.mark()
    t.send("\x10\r")  # Ctrl-P: previous line
    t.expect("nasd fake 0.1")
    assert server.requests() == ["show version", "show version"]


def test_monitor_text_while_typing_redraws_line(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    t.send("show ver")
    t.drain()
    t.mark()
    server.push(rec(b"M", "%LINK-3-UPDOWN: Interface Async1, changed "
                    "state to up\n"))
    t.expect(rb"\r\x1b\[J%LINK-3-UPDOWN: Interface Async1, changed state "
             rb"to up\r\n.*Router#show ver$")
    t.send("sion\r")
    assert server.wait_for("X", "show version")
    t.expect("nasd fake 0.1")


def test_server_closing_while_idle(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    server.push(rec(b"O", "% Session timed out\n") + end(b"3", ""))
    t.expect("% Session timed out")
    assert t.wait() == 0


def test_server_dying_while_idle(server, term_factory):
    t = term_factory(server.path)
    t.expect("Router#")
    server.close()
    assert t.wait() == 1
    assert b"closed" in t.out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: test_nas_client.py SOCKET  (serves the fake CLI; "
                 "the user-EXEC prompt asks for enable password 'cisco')")
    try:
        os.unlink(sys.argv[1])
    except FileNotFoundError:
        pass
    srv = FakeVty(sys.argv[1], prompt="Router>", secret="cisco")
    print(f"fake nasd CLI on {sys.argv[1]}; Ctrl-C stops it")
    try:
        while True:
            line = sys.stdin.readline()
            if not line:
                signal.pause()
            srv.push(rec(b"M", line))
    except KeyboardInterrupt:
        srv.close()
