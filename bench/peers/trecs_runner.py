"""T-RECS side of the peers benchmark: latent-factor users with drift, a popularity or random
recommender, one choice per user per step. Prints one JSON line (see peer_common.report)."""
import time
import warnings

import numpy as np

from peer_common import parse_args, report, rss_bytes, run_steps

COMPUTES = (
    "T-RECS {version}: Users with normal({dims}-dim) profiles and drift={drift} (slerp toward the chosen item), "
    "items normal({dims} x I); each step the {model} shows every user a slate of {slate} ({slate_how}), "
    "every user takes the slate item with the highest true score "
    "(inner product, normalised users), profiles drift and the full true U x I score matrix is recomputed "
    "(and, as T-RECS does, kept in the state history), then the model retrains (train_between_steps)."
)


def main():
    args = parse_args(__doc__, ["popularity", "random", "personalised"])
    import trecs
    from trecs.components import Users
    from trecs.models import ContentFiltering, PopularityRecommender, RandomRecommender

    # The clock starts after the imports (lenskit, numba, pandas take a second or more).
    baseline = rss_bytes()
    started = time.perf_counter()
    warnings.simplefilter("ignore")  # "no measurements defined": we measure from outside
    rng = np.random.default_rng(args.seed)
    user_profiles = rng.normal(size=(args.users, args.dims))
    item_attributes = rng.normal(size=(args.dims, args.items))
    users = Users(actual_user_profiles=user_profiles, drift=args.drift, seed=args.seed)
    model_class = {"popularity": PopularityRecommender, "random": RandomRecommender, "personalised": ContentFiltering}[args.recommender]
    extra = {}
    if args.recommender == "personalised":
        # Content filtering knows the items' true attributes and fits each user's profile to its
        # interactions (non-negative least squares, one solve per user per step).
        extra = {"item_representation": item_attributes, "num_attributes": args.dims}
    model = model_class(
        num_users=args.users,
        num_items=args.items,
        actual_user_representation=users,
        actual_item_representation=item_attributes,
        num_items_per_iter=args.slate,
        seed=args.seed,
        **extra,
    )
    setup = time.perf_counter() - started

    def step():
        model.run(timesteps=1, disable_tqdm=True)

    steps_run, truncated = run_steps(args, started, step)
    version = getattr(trecs, "__version__", None) or _version("trecs")
    slate_how = {
        "popularity": "top-k of its predicted U x I scores, i.e. the most interacted-with items, random tie-break",
        "random": "top-k of all-zero predicted U x I scores with a random tie-break, i.e. random items",
        "personalised": "top-k of predicted scores from user profiles fitted by NNLS to each user's interactions "
        "and the items' true attributes, which content filtering is given",
    }[args.recommender]
    computes = COMPUTES.format(
        version=version, dims=args.dims, drift=args.drift, slate=args.slate, model=model_class.__name__, slate_how=slate_how
    )
    report("T-RECS", version, args, started, setup, steps_run, truncated, steps_run * args.users, computes, baseline)


def _version(name):
    try:
        import importlib.metadata as metadata

        return metadata.version(name)
    except Exception:
        return "unknown"


if __name__ == "__main__":
    main()
