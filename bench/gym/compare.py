"""SlateEnv steps per second from Python beside RecLab's environment step rate, at the same
sizes (1,000 users x 1,000 items, 20 latent dimensions, drift 0.1, rating noise / choice
temperature 0.5), one run, printed as ratios.

SlateEnv (prodsim.gym, slate/v1): each step is one user's slate request; the action is a random
slate of 10 of the 100 candidates (drawn before the clock starts), the reward the chosen item's
true value. The world runs in a child process (`prodsim gym`), one JSON line each way per step.
RecLab (LatentFactorBehavior, env.step with random one-item recommendations) in two modes: one
user online per step (the same unit of work as a SlateEnv step) and every user online each step
(RecLab's batch, where one env.step serves all users). World building and imports are outside
the clock on both sides. An interaction is one user choosing one item, on both sides.

Usage: bash bench/gym/run.sh [--steps N] [--budget S]   (installs what it needs; see bench/README.md)
"""
import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from prodsim.gym import SlateEnv


def slate_env(users, items, dims, drift, seed, steps):
    started = time.perf_counter()
    env = SlateEnv("slate", days=365, users=users, items=items, dims=dims, drift=drift, seed=seed, reward="value",
                   candidates=100, history=10)
    observation, _ = env.reset(seed=seed)
    setup = time.perf_counter() - started
    rng = np.random.default_rng(seed)
    actions = np.argsort(rng.random((steps, env.candidate_count)), axis=1)[:, : env.slate_size]
    rewards = 0.0
    started = time.perf_counter()
    for action in actions:
        observation, reward, terminated, truncated, _ = env.step(action)
        rewards += reward
        if terminated or truncated:
            raise RuntimeError("the episode ended before %d steps" % steps)
    wall = time.perf_counter() - started
    env.close()
    return {"steps": steps, "setupSeconds": setup, "wallSeconds": wall, "stepsPerSecond": steps / wall,
            "meanReward": rewards / steps}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--dims", type=int, default=20)
    parser.add_argument("--drift", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--steps", type=int, default=30000, help="SlateEnv steps timed")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per RecLab mode")
    parser.add_argument("--peers-python", help="the peers venv's python (bench/peers/install.sh); without it, SlateEnv alone")
    args = parser.parse_args()

    ours = slate_env(args.users, args.items, args.dims, args.drift, args.seed, args.steps)
    print("SlateEnv (prodsim.gym, slate/v1), %d users x %d items: %d steps in %.2f s = %.0f steps/s "
          "(one interaction each; world built in %.2f s)" % (args.users, args.items, ours["steps"], ours["wallSeconds"],
                                                              ours["stepsPerSecond"], ours["setupSeconds"]))
    if not args.peers_python:
        print("RecLab: not measured (no --peers-python)")
        return
    runner = Path(__file__).with_name("reclab_env_steps.py")
    done = subprocess.run([args.peers_python, str(runner), "--users", str(args.users), "--items", str(args.items),
                           "--dims", str(args.dims), "--drift", str(args.drift), "--seed", str(args.seed),
                           "--budget", str(args.budget)], capture_output=True, text=True, timeout=30 * args.budget + 120)
    if done.returncode != 0:
        print("RecLab: did not run: %s" % (done.stderr.strip().splitlines() or ["(no output)"])[-1])
        return
    reclab = json.loads(done.stdout.strip().splitlines()[-1])
    one, every = reclab["oneUserPerStep"], reclab["everyUserPerStep"]
    print("RecLab %s, one user online per step: %.0f steps/s (= interactions/s)" % (reclab["version"], one["stepsPerSecond"]))
    print("RecLab %s, every user online each step: %.1f steps/s = %.0f interactions/s"
          % (reclab["version"], every["stepsPerSecond"], every["interactionsPerSecond"]))
    print()
    print("ratio, SlateEnv / RecLab, one user per step (like for like): %.2fx" % (ours["stepsPerSecond"] / one["stepsPerSecond"]))
    print("ratio, SlateEnv / RecLab batch, per interaction:             %.2fx" % (ours["stepsPerSecond"] / every["interactionsPerSecond"]))
    print("ratio, SlateEnv / RecLab batch, per env.step call:           %.0fx (a batch step serves %d users)"
          % (ours["stepsPerSecond"] / every["stepsPerSecond"], args.users))
    print("aim: >= 10x RecLab; %s" % ("met like for like" if ours["stepsPerSecond"] >= 10 * one["stepsPerSecond"] else "not met like for like"))


if __name__ == "__main__":
    sys.exit(main())
