"""`prodsim.run`: one simulation through `prodsim run`, its summary as a dict."""

import json
import os
import subprocess
import tempfile

from .cli import cli_command, set_value
from .errors import ProdsimError, from_cli
from .serve import Service, serve


def run(domain, *, days=None, users=None, seed=None, out=None, events=False, predictor=None, baseline=None,
        deadline_ms=None, start=None, config=None, timeout=3600, **settings):
    """Runs `prodsim run DOMAIN` and returns its summary (the dict `prodsim run --json` prints).

    settings are the domain's own fields (`ratingScale=10` is `--set movies.ratingScale=10`;
    a dict value sets nested fields). `predictor` is a URL, a Service from `serve()`, or a
    callable (served for the run's duration); `baseline` a built-in (random, popularity, item-knn,
    mf). `out` writes the event log to that path; `events=True` to a temporary file. The summary's
    `outFile` is the event log's path. `config` is a configuration file's path.
    Raises ProdsimError with the CLI's message for bad input, or when `timeout` seconds pass.
    """
    args = ["run", domain, "--json", "--no-progress"]
    section = str(domain).split("/")[0]
    for flag, value in (("--days", days), ("--users", users), ("--seed", seed), ("--start", start),
                        ("--deadline-ms", deadline_ms), ("--baseline", baseline), ("--config", config)):
        if value is not None:
            args += [flag, str(value)]
    if out is None and events:
        handle, out = tempfile.mkstemp(prefix="prodsim-%s-" % section, suffix=".log")
        os.close(handle)
    if out is not None:
        args += ["--out", os.path.abspath(os.fspath(out))]
    for key, value in settings.items():
        args += ["--set", "%s.%s=%s" % (section, key, set_value(value))]

    served = None
    if callable(predictor) and not isinstance(predictor, Service):
        served = predictor = serve(predictor)
    if predictor is not None:
        args += ["--predictor", predictor.url if isinstance(predictor, Service) else str(predictor)]
    try:
        stdout = _run_watched(args, timeout, predictor if isinstance(predictor, Service) else None)
    finally:
        if served is not None:
            served.close()
    try:
        return json.loads(stdout)
    except ValueError:
        raise ProdsimError("prodsim run printed no JSON summary: %s" % stdout[-500:]) from None


def _run_watched(args, timeout, service):
    """Runs the CLI to completion; stops it at once if a served policy fails (PolicyError)."""
    before = len(service.errors) if service is not None else 0
    process = subprocess.Popen(cli_command() + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    def stop(error):  # the policy failed: no point running on (the error is raised below)
        process.kill()

    if service is not None:
        service.on_failure(stop)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise ProdsimError("prodsim run did not finish within %s s (raise timeout= if it needs longer)" % timeout) from None
    finally:
        if service is not None:
            service.remove_listener(stop)
    if service is not None and service.on_error == "raise" and len(service.errors) > before:
        raise service.errors[before]
    if process.returncode != 0:
        raise from_cli(stderr, process.returncode, "prodsim run")
    return stdout
