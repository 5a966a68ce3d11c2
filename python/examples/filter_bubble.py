"""The filter bubble from Python: a small Python recommender, trained on logged data with pandas
and numpy and served with prodsim.serve, as an arm beside prodsim's built-in baselines.

For each world (seed):
1. log: an experiment whose only arm recommends at random, with the raw export on
   (`.interactions`: every choice of every user);
2. train: an item-to-item "chosen together" recommender on those choices (cosine similarity of
   item columns of the user x item count matrix; a user's scores are their counts times it);
3. deploy: the filter-bubble experiment on the same world (same seed, so the same users and
   items, from the start again): random, popularity, matrix factorisation, and the Python arm.
Then the arms' final-day metrics, over the worlds: does the personalised Python recommender
serve users better than random slates, and how does it narrow what the population consumes?

It runs on slate/v1, whose items are indices 0..items-1, so a model trained on the logged
interactions answers in the ids the world knows (movies/v1 answers name movies by slug, which
the raw export, indexed by integers, does not carry).

    python examples/filter_bubble.py
"""

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import prodsim

WORLD = {"users": 300, "items": 200, "drift": 0.1, "choiceNoise": 0.5}
METRICS = ["meanTrueValue", "coverage", "homogenization", "tasteDrift"]


class ChosenTogether:
    """Item-to-item recommender: items chosen by the same users score high for each other."""

    def __init__(self, interactions, users, items):
        counts = np.zeros((users, items))
        np.add.at(counts, (interactions["user"].to_numpy(), interactions["item"].to_numpy()), 1.0)
        norms = np.sqrt((counts ** 2).sum(axis=0)) + 1e-9
        similarity = (counts.T @ counts) / np.outer(norms, norms)
        np.fill_diagonal(similarity, 0.0)
        scores = counts @ similarity
        # Ranked once: the service only looks answers up.
        self.ranked = np.argsort(-scores, axis=1, kind="stable")

    def __call__(self, request):
        return self.ranked[request["user"], : request["k"]].tolist()


def world_spec(name, seed, days, arms):
    # deadlineMs: slate/v1's default is 50 ms; a second lets the Python service answer in time
    # on a busy machine, so that the comparison is about recommendations, not latency.
    return {"name": name, "domain": "slate", "seed": str(seed), "replications": 1, "days": days, "deadlineMs": 1000,
            "world": WORLD, "arms": arms}


def one_world(seed, days, out_dir, workers):
    logged = prodsim.experiment(world_spec("log-%d" % seed, seed, days, [{"name": "logging", "predictor": "random"}]),
                                out=out_dir / ("log-%d" % seed), raw=True, workers=workers, progress=False)
    model = ChosenTogether(logged.interactions, WORLD["users"], WORLD["items"])
    with prodsim.serve(model) as service:
        arms = [
            {"name": "random", "predictor": "random"},
            {"name": "popularity", "predictor": "popularity"},
            {"name": "mf", "predictor": "mf"},
            {"name": "python", "predictor": service},
        ]
        result = prodsim.experiment(world_spec("bubble-%d" % seed, seed, days, arms), out=out_dir / ("bubble-%d" % seed),
                                    workers=workers, progress=False)
    return result.metrics.assign(world=seed)


def main(seeds=(1, 2, 3), days=3, out=None, workers=None):
    out_dir = Path(out or tempfile.mkdtemp(prefix="prodsim-filter-bubble-"))
    metrics = pd.concat([one_world(seed, days, out_dir, workers) for seed in seeds], ignore_index=True)
    final = metrics[metrics["day"] == metrics["day"].max()]
    table = final.groupby("arm")[METRICS].agg(["mean", "std"]).round(3)
    print("final day, over %d worlds (results in %s):" % (len(seeds), out_dir))
    print(table.to_string())
    return metrics


if __name__ == "__main__":
    main()
