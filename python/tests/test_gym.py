"""prodsim.gym.SlateEnv: Gymnasium's checks, determinism, episode ends and errors."""

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import prodsim
from prodsim.gym import SlateEnv

TINY = {"users": 12, "items": 30, "steps": 4}


@pytest.fixture
def env():
    env = SlateEnv("slate", days=1, seed=1, candidates=20, history=4, **TINY)
    yield env
    env.close()


def trajectory(env, seed, steps=30):
    """Observations, rewards and infos of the first steps, with actions that depend on the observation."""
    observation, info = env.reset(seed=seed)
    out = [(observation, 0.0, info)]
    for _ in range(steps):
        action = (np.arange(env.slate_size) + int(observation["user"])) % env.candidate_count
        observation, reward, terminated, truncated, info = env.step(action)
        out.append((observation, reward, info))
        if terminated or truncated:
            break
    return out


def same(a, b):
    return len(a) == len(b) and all(
        all(np.array_equal(x[0][k], y[0][k]) for k in x[0]) and x[1] == y[1] and x[2] == y[2] for x, y in zip(a, b))


def test_passes_gymnasiums_env_checker(env):
    check_env(env, skip_render_check=True)


def test_movies_passes_the_checker_too_with_public_features():
    movies = SlateEnv("movies", days=1, users=60, movies=80, seed=2)
    try:
        check_env(movies, skip_render_check=True)
        assert movies.reward_kind == "engagement"
        assert "age" in movies.feature_names["user"]
        assert "runtime" in movies.feature_names["item"]
        assert movies.slate_size == 20
    finally:
        movies.close()


def test_same_seed_and_actions_give_the_same_trajectory_another_seed_another(env):
    a = trajectory(env, 7)
    b = trajectory(env, 7)
    c = trajectory(env, 8)
    assert len(a) == 31
    assert same(a, b)
    assert not same(a, c)


def test_a_fresh_process_replays_the_same_trajectory(env):
    other = SlateEnv("slate", days=1, seed=1, candidates=20, history=4, **TINY)
    try:
        assert same(trajectory(env, 5), trajectory(other, 5))
    finally:
        other.close()


def test_resets_without_a_seed_are_the_next_episodes_of_the_last_seed(env):
    env.reset(seed=3)
    _, first = env.reset()
    _, second = env.reset()
    assert (first["seed"], second["seed"]) == ("3/1", "3/2")
    _, again = env.reset(seed=3)
    assert again["seed"] == "3"


def test_reward_is_the_true_value_of_the_item_taken_from_the_slate(env):
    observation, _ = env.reset(seed=4)
    shown = observation["candidates"][np.arange(env.slate_size)]
    _, reward, _, _, info = env.step(np.arange(env.slate_size))
    (outcome,) = info["resolved"]
    assert outcome["step"] == info["step"] == 0
    assert outcome["recommended"] and outcome["item"] in shown
    assert reward == outcome["value"] == outcome["reward"]
    assert info["outcome"] == "ok"


def test_history_holds_what_the_user_chose_most_recent_first(env):
    observation, _ = env.reset(seed=6)
    chosen = {}
    for _ in range(40):
        user = int(observation["user"])
        expected = (chosen.get(user, []) + [-1] * 4)[:4]
        assert observation["history"].tolist() == expected
        assert observation["user_features"][0] == len(chosen.get(user, []))
        observation, _, terminated, truncated, info = env.step(np.arange(env.slate_size))
        for r in info["resolved"]:
            chosen[r["user"]] = [r["item"]] + chosen.get(r["user"], [])
        assert not (terminated or truncated)


def test_the_episode_ends_with_the_world_truncated_or_terminated(env):
    observation, _ = env.reset(seed=1)
    steps = 0
    while True:
        observation, _, terminated, truncated, info = env.step(np.arange(env.slate_size))
        steps += 1
        if terminated or truncated:
            break
    # slate/v1 with `steps: 4`: every user once per step, then the world has nothing left to do.
    assert steps == TINY["users"] * TINY["steps"]
    assert terminated and not truncated
    assert info["end"]["reason"] == "empty"
    assert info["end"]["world"]["choices"] == steps
    assert env.observation_space.contains(observation)


def test_a_day_long_episode_is_truncated_at_the_end_of_the_span():
    long = SlateEnv("slate", days=0.25, seed=1, users=5, items=10)
    try:
        long.reset()
        while True:
            _, _, terminated, truncated, info = long.step(np.arange(long.slate_size))
            if terminated or truncated:
                break
        assert truncated and not terminated
        assert info["end"]["reason"] == "until"
    finally:
        long.close()


def test_an_action_outside_the_space_is_a_value_error(env):
    env.reset(seed=1)
    with pytest.raises(ValueError, match="integer positions in 0..19"):
        env.step(np.full(env.slate_size, 20))
    with pytest.raises(ValueError):
        env.step([0, 1])


def test_a_step_before_reset_is_an_error(env):
    with pytest.raises(RuntimeError, match="reset"):
        env.step(np.arange(env.slate_size))


def test_repeated_positions_are_dropped_by_the_world_and_counted(env):
    env.reset(seed=2)
    _, _, _, _, info = env.step(np.zeros(env.slate_size, dtype=int))
    assert info["outcome"] == "ok"
    assert info["dropped"] == env.slate_size - 1


def test_unknown_domain_and_bad_settings_raise_with_the_cli_message():
    with pytest.raises(prodsim.ProdsimError) as raised:
        SlateEnv("nosuch")
    assert raised.value.code == "PRODSIM_ERR_DOMAIN_UNKNOWN"
    with pytest.raises(prodsim.ProdsimError, match="slate.drift"):
        SlateEnv("slate", drift=7)
    with pytest.raises(prodsim.ProdsimError, match='reward = "clicks"'):
        SlateEnv("slate", reward="clicks")


def test_a_domain_whose_requests_bring_their_own_candidates_is_refused_with_why():
    with pytest.raises(prodsim.ProdsimError, match="bring their own candidates") as raised:
        SlateEnv("images", days=1, users=20)
    assert raised.value.code == "PRODSIM_ERR_USAGE"


def test_a_child_that_never_answers_times_out(fake_cli):
    fake_cli("exec sleep 30")
    with pytest.raises(prodsim.ProdsimError, match="no reply within 0.5 s"):
        SlateEnv("slate", timeout=0.5)


def test_a_child_that_dies_mid_episode_reports_its_message(fake_cli):
    fake_cli("""echo '{"type":"hello","slateSize":2,"candidates":3,"history":1,"userFeatures":["consumed"],"itemFeatures":["consumed"]}'
read line
echo 'prodsim: the world failed [PRODSIM_ERR_SCHEDULER_HANDLER]' >&2
exit 1""")
    broken = SlateEnv("slate", timeout=5)
    with pytest.raises(prodsim.ProdsimError) as raised:
        broken.reset()
    assert raised.value.code == "PRODSIM_ERR_SCHEDULER_HANDLER"
    broken.close()


def test_a_configuration_file_reaches_the_world(tmp_path):
    config = tmp_path / "run.json"
    config.write_text('{"scenario": [{"day": 9, "action": "no-such-action"}]}')
    with pytest.raises(prodsim.ProdsimError, match="no-such-action"):
        SlateEnv("slate", days=10, config=config, **TINY)
