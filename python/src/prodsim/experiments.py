"""`prodsim.experiment` and `prodsim.read_results`: experiments through `prodsim experiment run`,
results as pandas DataFrames."""

import json
import os
import re
import subprocess
import tempfile
import threading
from pathlib import Path

import pandas as pd

from .cli import cli_command
from .errors import ProdsimError, from_cli
from .serve import Service, serve

_PROGRESS = re.compile(r"(\d+)/(\d+) simulated days")
_RESULTS_IN = re.compile(r"^results in (.+?): metrics\.jsonl", re.M)


class ExperimentResult:
    """An experiment's output folder, loaded: `metrics` (one row per replication, day and arm),
    `groups` (the same per user group), `summary` (summary.json), `report_path`; with the raw
    export (`raw=True`), `interactions`, `slates` and `consumption` from its Parquet files."""

    def __init__(self, out_dir, metrics, groups, summary, output=""):
        self.out_dir = Path(out_dir)
        self.metrics = metrics
        self.groups = groups
        self.summary = summary
        self.report_path = self.out_dir / "report.html"
        #: What the CLI printed (expectations held or not, differences), when it ran here.
        self.output = output

    @property
    def interactions(self):
        """Every interaction (consumption): replication, arm, day, time, user, item, position,
        recommended, engagement, true_value, propensity."""
        return self._raw("interactions")

    @property
    def slates(self):
        """Every slate shown: replication, arm, day, time, user, items (a list), propensity."""
        return self._raw("slates")

    @property
    def consumption(self):
        """Per replication, arm, day and item: how many interactions the item had that day."""
        return self._raw("consumption")

    def _raw(self, table):
        files = sorted((self.out_dir / "raw").glob("%s-*.parquet" % table), key=_unit_order)
        if not files:
            raise ProdsimError("no raw %s in %s: run the experiment with raw=True (prodsim experiment run --raw)" % (table, self.out_dir))
        return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)

    def __repr__(self):
        arms = list(self.metrics["arm"].unique()) if len(self.metrics) else []
        return "<ExperimentResult %s: %d rows, arms %s>" % (self.out_dir, len(self.metrics), arms)


def read_results(out_dir):
    """Loads an experiment's output folder (metrics.jsonl, summary.json)."""
    out_dir = Path(out_dir)
    for name in ("metrics.jsonl", "summary.json"):
        if not (out_dir / name).is_file():
            raise ProdsimError("no experiment results in %s: %s is missing" % (out_dir, name))
    rows, group_rows = [], []
    with open(out_dir / "metrics.jsonl", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            groups = row.pop("groups", None) or {}
            rows.append(row)
            for group, values in groups.items():
                group_rows.append({"replication": row.get("replication"), "day": row.get("day"), "arm": row.get("arm"), "group": group, **values})
    with open(out_dir / "summary.json", encoding="utf-8") as f:
        summary = json.load(f)
    return ExperimentResult(out_dir, pd.DataFrame(rows), pd.DataFrame(group_rows), summary)


def experiment(spec, out=None, workers=None, *, raw=False, fresh=False, progress=True, timeout=6 * 3600):
    """Runs `prodsim experiment run` on a spec and returns its ExperimentResult.

    spec: a dict (as the YAML would be) or a spec file's path. An arm's `predictor` may be a
    Service from `serve()` or a plain callable (served while the experiment runs). out: the output
    folder (default: the CLI's, results/<name>); workers: worker threads (default: one per core, or a few more when the runs do not divide evenly);
    raw: also write the Parquet raw export (`.interactions`, `.slates`); fresh: discard earlier
    results instead of resuming (always so when Python serves an arm: it cannot tell whether the
    function changed). A progress bar (tqdm) follows the simulated days.
    Raises ProdsimError with the CLI's message for a bad spec, PolicyError when a served policy
    raises or returns garbage (the experiment is stopped at once).
    """
    with tempfile.TemporaryDirectory(prefix="prodsim-spec-") as scratch:
        spec_path, services, owned = _spec_file(spec, scratch)
        try:
            args = ["experiment", "run", spec_path]
            if out is not None:
                args += ["--out", os.path.abspath(os.fspath(out))]
            if workers is not None:
                args += ["--workers", str(workers)]
            if raw:
                args.append("--raw")
            if fresh or services:
                args.append("--fresh")
            if not progress:
                args.append("--no-progress")
            stdout = _run_experiment(args, timeout, services, progress)
        finally:
            for service in owned:
                service.close()
    found = _RESULTS_IN.search(stdout)
    if not found:
        raise ProdsimError("prodsim experiment printed no results folder: %s" % stdout[-500:])
    result = read_results(found.group(1))
    result.output = stdout
    return result


def _spec_file(spec, scratch):
    """The spec as a file for the CLI, with served arms turned into their URLs."""
    if isinstance(spec, (str, os.PathLike)):
        return os.fspath(spec), [], []
    if not isinstance(spec, dict):
        raise TypeError("experiment() takes a spec dict or a spec file's path, got %r" % (spec,))
    spec = dict(spec)
    services, owned = [], []
    arms = []
    for arm in spec.get("arms") or []:
        arm = dict(arm) if isinstance(arm, dict) else arm
        predictor = arm.get("predictor") if isinstance(arm, dict) else None
        if callable(predictor) and not isinstance(predictor, Service):
            predictor = serve(predictor)
            owned.append(predictor)
        if isinstance(predictor, Service):
            services.append(predictor)
            arm["predictor"] = predictor.url
        arms.append(arm)
    if "arms" in spec:
        spec["arms"] = arms
    name = spec.get("name") if isinstance(spec.get("name"), str) and re.match(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", spec["name"]) else "experiment"
    path = os.path.join(scratch, name + ".json")
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(spec, f, indent=2)
    except TypeError as error:
        for service in owned:
            service.close()
        raise TypeError("the spec holds something that is not JSON: %s" % error) from None
    return path, services, owned


def _run_experiment(args, timeout, services, progress):
    """Runs the CLI; follows its progress bar through a pseudo-terminal when there is one; stops
    it at once when a served policy fails."""
    before = [len(service.errors) for service in services]
    master = slave = None
    if progress and os.name == "posix":
        import pty

        master, slave = pty.openpty()
    process = subprocess.Popen(cli_command() + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=slave if slave is not None else subprocess.PIPE)
    if slave is not None:
        os.close(slave)

    def stop(error):  # the policy failed: no point running on (the error is raised below)
        process.kill()

    for service in services:
        service.on_failure(stop)
    out_chunks, err_lines = [], []
    readers = [threading.Thread(target=lambda: out_chunks.append(process.stdout.read()), daemon=True)]
    if master is not None:
        readers.append(threading.Thread(target=_follow_progress, args=(master, err_lines), daemon=True))
    else:
        readers.append(threading.Thread(target=lambda: err_lines.extend(process.stderr.read().decode("utf-8", "replace").splitlines()), daemon=True))
    for reader in readers:
        reader.start()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise ProdsimError("prodsim experiment did not finish within %s s (raise timeout= if it needs longer)" % timeout) from None
    finally:
        for service in services:
            service.remove_listener(stop)
        for reader in readers:
            reader.join(timeout=10)
        if master is not None:
            os.close(master)
    for service, count in zip(services, before):
        if service.on_error == "raise" and len(service.errors) > count:
            raise service.errors[count]
    stdout = b"".join(out_chunks).decode("utf-8", "replace")
    if process.returncode != 0:
        raise from_cli("\n".join(err_lines), process.returncode, "prodsim experiment")
    return stdout


def _follow_progress(fd, err_lines):
    """Reads the CLI's terminal output: progress lines move a tqdm bar, the rest is kept."""
    from tqdm.auto import tqdm

    bar = None
    pending = ""
    try:
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            pending += chunk.decode("utf-8", "replace")
            *parts, pending = re.split(r"[\r\n]", pending)
            for part in parts:
                match = _PROGRESS.search(part)
                if match:
                    done, total = int(match.group(1)), int(match.group(2))
                    if bar is None:
                        bar = tqdm(total=total, unit="day", desc="simulated days")
                    bar.update(done - bar.n)
                elif part.strip():
                    err_lines.append(part)
    finally:
        if pending.strip():
            err_lines.append(pending)
        if bar is not None:
            bar.close()


def _unit_order(path):
    """raw/<table>-<unit>.parquet in unit order: replication number, then arm."""
    unit = path.stem.split("-", 1)[1]
    replication, _, arm = unit.partition("-")
    return (int(replication) if replication.isdigit() else 0, arm)
