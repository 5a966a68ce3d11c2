"""RecLab side of the peers benchmark: the latent-factor environment (LatentFactorBehavior) with
affinity drift, a top-popular or random recommender, every user online every step. Prints one
JSON line (see peer_common.report)."""
import time

from peer_common import parse_args, report, rss_bytes, run_steps

COMPUTES = (
    "RecLab {version}: LatentFactorBehavior({dims}-dim factors, user/item biases, rating noise sd 0.5, "
    "affinity_change={drift}), rating_frequency=1 (every user online every step); each step the {model} "
    "({how}) scores every user's unrated items and recommends the best one (RecLab's environment rates only the "
    "first item of a slate, so the slate is 1), the user rates it (<p_u,q_i> + biases + noise, clipped "
    "to 1..5), the profile moves toward the item, and the recommender is updated with the new ratings."
)


def main():
    args = parse_args(__doc__, ["popularity", "random", "personalised"])
    from reclab.environments import LatentFactorBehavior
    from reclab.recommenders import KNNRecommender, RandomRec, TopPop

    # The clock starts after the imports.
    baseline = rss_bytes()
    started = time.perf_counter()
    env = LatentFactorBehavior(
        latent_dim=args.dims,
        num_users=args.users,
        num_items=args.items,
        rating_frequency=1.0,
        num_init_ratings=0,
        noise=0.5,
        affinity_change=args.drift,
    )
    env.seed((args.seed, args.seed + 1))
    users, items, ratings = env.reset()
    if args.recommender == "popularity":
        recommender = TopPop()
    elif args.recommender == "random":
        recommender = RandomRec(seed=args.seed)
    else:
        # Item-based k-nearest neighbours over the observed ratings (RecLab's own kNN, defaults).
        recommender = KNNRecommender(user_based=False)
    recommender.reset(users, items, ratings)
    setup = time.perf_counter() - started
    counted = [0]

    def step():
        online = env.online_users
        recommendations, _ = recommender.recommend(online, 1)
        _, _, new_ratings, _ = env.step(recommendations)
        recommender.update(ratings=new_ratings)
        counted[0] += len(online)

    steps_run, truncated = run_steps(args, started, step)
    version = _version("reclab")
    how = {
        "popularity": "mean observed rating per item",
        "random": "a fresh uniform random U x I matrix",
        "personalised": "item-based kNN over the observed ratings, 40 neighbours",
    }[args.recommender]
    computes = COMPUTES.format(version=version, dims=args.dims, drift=args.drift, model=type(recommender).__name__, how=how)
    report("RecLab", version, args, started, setup, steps_run, truncated, counted[0], computes, baseline)


def _version(name):
    try:
        import importlib.metadata as metadata

        return metadata.version(name)
    except Exception:
        return "unknown"


if __name__ == "__main__":
    main()
