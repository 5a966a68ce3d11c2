"""Finding and running the prodsim CLI (Node.js) that this package drives."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from .errors import CliNotFound, ProdsimError, from_cli


def _is_checkout(path):
    return (path / "bin" / "prodsim.js").is_file() and (path / "package.json").is_file()


def find_checkout():
    """The prodsim checkout this package sits in (an editable install or the source tree), else
    the one the working directory is in; None when neither is."""
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for path in (start, *start.parents):
            if _is_checkout(path):
                return path
    return None


def cli_command():
    """The argument list that starts the CLI: PRODSIM_CLI (a checkout, its bin/prodsim.js, or
    any executable), else the checkout's bin/prodsim.js run by `node`."""
    named = os.environ.get("PRODSIM_CLI")
    if named:
        path = Path(named).expanduser()
        if path.is_dir():
            path = path / "bin" / "prodsim.js"
        if not path.is_file():
            raise CliNotFound("PRODSIM_CLI is %r, but %s does not exist: set it to a prodsim checkout or its bin/prodsim.js" % (named, path))
    else:
        checkout = find_checkout()
        if checkout is None:
            raise CliNotFound(
                "prodsim CLI not found: this package is not inside a prodsim checkout and neither is the working "
                "directory (%s); set PRODSIM_CLI to a checkout or its bin/prodsim.js" % Path.cwd()
            )
        path = checkout / "bin" / "prodsim.js"
    if path.suffix not in (".js", ".mjs"):
        return [str(path)]
    node = shutil.which("node")
    if node is None:
        raise CliNotFound("Node.js (node) is not on the PATH: the prodsim CLI at %s needs Node.js 20.19+" % path)
    checkout = path.resolve().parent.parent
    if _is_checkout(checkout) and not (checkout / "core" / "dist" / "index.js").is_file():
        raise CliNotFound("the prodsim checkout at %s is not built (core/dist is missing): run `npm ci` there" % checkout)
    return [node, str(path)]


def run_cli(args, timeout, what):
    """Runs `prodsim ARGS` to completion; its stdout, or a ProdsimError with the CLI's message."""
    command = cli_command() + [str(a) for a in args]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ProdsimError("%s did not finish within %s s (raise timeout= if it needs longer)" % (what, timeout)) from None
    if done.returncode != 0:
        raise from_cli(done.stderr, done.returncode, what)
    return done.stdout


def set_value(value):
    """A --set value: JSON for strings and structures (the CLI parses values that look like JSON)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value)
