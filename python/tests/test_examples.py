"""The worked examples run, small, and show what they claim."""

import bandit
import filter_bubble


def test_the_bandit_beats_random_slates_on_reward_for_every_seed():
    results = bandit.main(seeds=(11, 12, 13))
    for seed, by_policy in results.items():
        assert by_policy["bandit"] > 1.2 * by_policy["random"], (seed, by_policy)


def test_filter_bubble_runs_the_python_arm_beside_the_baselines(tmp_path):
    metrics = filter_bubble.main(seeds=(1, 2), days=2, out=tmp_path, workers=1)
    assert set(metrics["arm"]) == {"random", "popularity", "mf", "python"}
    assert set(metrics["world"]) == {1, 2}
    python = metrics[metrics["arm"] == "python"]
    assert (python["successRate"] == 1).all()
    final = metrics[metrics["day"] == 1].groupby("arm").mean(numeric_only=True)
    # Trained on each user's logged choices, the Python recommender finds them better items than
    # random slates do, and keeps showing each user their own few: far less of the catalogue.
    assert final.loc["python", "meanTrueValue"] > final.loc["random", "meanTrueValue"]
    assert final.loc["python", "coverage"] < final.loc["random", "coverage"]
