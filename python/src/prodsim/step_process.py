"""The child process behind SlateEnv: `prodsim gym`, one JSON line each way, every wait bounded."""

import json
import os
import select
import subprocess
import threading

from .cli import cli_command
from .errors import ProdsimError, from_cli


class StepProcess:
    """Starts `prodsim gym ARGS` and exchanges messages with it. Every read waits at most
    `timeout` seconds; a child that exits is reported with its own error message."""

    def __init__(self, args, timeout):
        self.timeout = timeout
        self._process = subprocess.Popen(cli_command() + ["gym"] + [str(a) for a in args], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
        self._fd = self._process.stdout.fileno()
        self._buffer = b""
        self._stderr = []
        self._stderr_reader = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stderr_reader.start()
        self.hello = self._read()
        if self.hello.get("type") != "hello":
            self.close()
            raise ProdsimError("prodsim gym did not start with its hello: %r" % (self.hello,))

    def request(self, message):
        """Sends one message and returns the reply; ProdsimError for an error reply."""
        try:
            self._process.stdin.write((json.dumps(message) + "\n").encode())
        except (BrokenPipeError, OSError, ValueError):
            raise self._died() from None
        reply = self._read()
        if reply.get("type") == "error":
            raise ProdsimError(reply.get("message", "prodsim gym failed"), reply.get("code"))
        return reply

    def close(self):
        process = self._process
        if process.poll() is None:
            try:
                process.stdin.write(b'{"op":"close"}\n')
                process.stdin.close()
            except (BrokenPipeError, OSError, ValueError):
                pass
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        process.stdout.close()
        self._stderr_reader.join(timeout=5)

    def _read(self):
        while True:
            newline = self._buffer.find(b"\n")
            if newline >= 0:
                line, self._buffer = self._buffer[:newline], self._buffer[newline + 1:]
                return json.loads(line)
            ready, _, _ = select.select([self._fd], [], [], self.timeout)
            if not ready:
                self._process.kill()
                raise ProdsimError("prodsim gym gave no reply within %s s (timeout=); it was stopped" % self.timeout)
            chunk = os.read(self._fd, 1 << 16)
            if not chunk:
                raise self._died()
            self._buffer += chunk

    def _died(self):
        try:
            status = self._process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            status = self._process.wait(timeout=5)
        self._stderr_reader.join(timeout=5)
        return from_cli("".join(self._stderr), status, "prodsim gym")

    def _drain_stderr(self):
        for line in iter(self._process.stderr.readline, b""):
            self._stderr.append(line.decode("utf-8", "replace"))
        self._process.stderr.close()
