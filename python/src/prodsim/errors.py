"""Errors the package raises. The CLI's own errors arrive with its message and stable code."""

import re

_CLI_LINE = re.compile(r"^prodsim: (?P<message>.*?)(?: \[(?P<code>PRODSIM_ERR_[A-Z_]+)\])?\s*$")


class ProdsimError(Exception):
    """prodsim refused or failed: `message` is the CLI's own text, `code` its stable error code
    (e.g. PRODSIM_ERR_CONFIG_INVALID) when it gave one, `status` the CLI's exit status."""

    def __init__(self, message, code=None, status=None):
        super().__init__(message if code is None else "%s [%s]" % (message, code))
        self.message = message
        self.code = code
        self.status = status


class CliNotFound(ProdsimError):
    """The prodsim CLI (or Node.js, or its build) could not be found."""


class PolicyError(ProdsimError):
    """A Python policy served with `prodsim.serve` raised or returned something that is not an
    answer; the original exception, if any, is the `__cause__`."""


def from_cli(stderr, status, what):
    """A ProdsimError from a failed CLI run: its `prodsim: ... [CODE]` line when it printed one."""
    lines = [line for line in stderr.replace("\r", "\n").splitlines() if line.strip()]
    for line in reversed(lines):
        match = _CLI_LINE.match(line)
        if match:
            return ProdsimError(match.group("message"), match.group("code"), status)
    tail = "\n".join(lines[-5:]) if lines else "(no output)"
    return ProdsimError("%s failed with exit status %s: %s" % (what, status, tail), None, status)
