"""Shared by the peer runners: arguments, the step loop with a time budget, the JSON result.

Every runner counts an interaction the same way prodsim does: one user choosing (consuming)
one item. Wall time covers building the world and the recommender plus the steps run; peak
memory is the runner process's ru_maxrss.
"""
import argparse
import json
import platform
import resource
import sys
import time


def parse_args(description, recommenders):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--recommender", choices=recommenders, required=True)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--dims", type=int, default=20, help="latent factor dimensions")
    parser.add_argument("--slate", type=int, default=10, help="items recommended per user and step")
    parser.add_argument("--drift", type=float, default=0.1, help="how far a preference moves toward a chosen item")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--budget", type=float, default=0.0,
        help="stop after the step during which this many seconds have passed (0 = run every step)",
    )
    return parser.parse_args()


def blas_info():
    try:
        import threadpoolctl

        return ", ".join(
            "%s %s (%s, %d threads)" % (i.get("internal_api"), i.get("version"), i.get("architecture"), i.get("num_threads"))
            for i in threadpoolctl.threadpool_info()
        )
    except Exception as error:  # threadpoolctl is optional
        return "unknown (%s)" % error


def run_steps(args, started, step):
    """Runs `step()` up to args.steps times; returns steps run and whether the budget cut it short."""
    done = 0
    for _ in range(args.steps):
        step()
        done += 1
        if args.budget > 0 and time.perf_counter() - started > args.budget and done < args.steps:
            return done, True
    return done, False


def rss_bytes():
    """Peak resident memory of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def report(simulator, version, args, started, setup_seconds, steps_run, truncated, interactions, computes, baseline):
    wall = time.perf_counter() - started
    result = {
        "simulator": simulator,
        "version": version,
        "recommender": args.recommender,
        "users": args.users,
        "items": args.items,
        "steps": args.steps,
        "stepsRun": steps_run,
        "truncated": truncated,
        "dims": args.dims,
        "slate": args.slate,
        "drift": args.drift,
        "seed": args.seed,
        "interactions": int(interactions),
        "setupSeconds": setup_seconds,
        "wallSeconds": wall,
        "interactionsPerSecond": interactions / wall if wall > 0 else 0.0,
        "peakRssBytes": rss_bytes(),
        # After the imports, before any world: the runtime's and the package's own share of the peak.
        "baselineRssBytes": baseline,
        "python": platform.python_version(),
        "blas": blas_info(),
        "computes": computes,
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
