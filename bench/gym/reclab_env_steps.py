"""RecLab's side of the SlateEnv benchmark: LatentFactorBehavior's env.step rate, with random
one-item recommendations (RecLab's environment rates the first item of a slate), at the given
sizes, in two modes: one user online per step (as SlateEnv steps: one asking user at a time)
and every user online each step (RecLab's batch). Prints one JSON line. Runs in the peers venv
(bench/peers/install.sh: Python 3.8, numpy<1.24, reclab 0.1.2)."""
import argparse
import json
import time

import numpy as np


def measure(users, items, dims, drift, seed, frequency, budget):
    from reclab.environments import LatentFactorBehavior

    env = LatentFactorBehavior(latent_dim=dims, num_users=users, num_items=items, rating_frequency=frequency,
                               num_init_ratings=0, noise=0.5, affinity_change=drift)
    env.seed((seed, seed + 1))
    env.reset()
    rng = np.random.default_rng(seed)
    steps = interactions = 0
    started = time.perf_counter()
    while time.perf_counter() - started < budget:
        online = env.online_users
        env.step(rng.integers(0, items, size=(len(online), 1)))
        steps += 1
        interactions += len(online)
    wall = time.perf_counter() - started
    return {"steps": steps, "interactions": interactions, "wallSeconds": wall,
            "stepsPerSecond": steps / wall, "interactionsPerSecond": interactions / wall}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--dims", type=int, default=20)
    parser.add_argument("--drift", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per mode")
    args = parser.parse_args()
    import importlib.metadata as metadata

    result = {
        "version": metadata.version("reclab"),
        # rating_frequency 1/users puts one user online per step (RecLab draws at least one).
        "oneUserPerStep": measure(args.users, args.items, args.dims, args.drift, args.seed, 1.0 / args.users, args.budget),
        "everyUserPerStep": measure(args.users, args.items, args.dims, args.drift, args.seed, 1.0, args.budget),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
