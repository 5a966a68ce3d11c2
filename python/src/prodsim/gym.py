"""`prodsim.gym.SlateEnv`: a prodsim world as a Gymnasium environment.

Each step is one request of the world's slate endpoint: the observation is the asking user and
a fixed-size candidate set, the action picks the slate from the candidates, and the reward is
what came of the slate. The world runs in a child process (`prodsim gym`); its scheduler waits
for each action as it would for a service, so the same seed and the same actions give the same
trajectory.
"""

import numpy as np
import gymnasium
from gymnasium import spaces

from .cli import set_value
from .errors import ProdsimError
from .step_process import StepProcess

#: The reward when none is given: slate/v1's users always take an item from a valid slate, so
#: its informative reward is the item's true value; for movies, the minutes watched.
DEFAULT_REWARD = {"slate": "value", "movies": "engagement"}
_ID_MAX = np.iinfo(np.int32).max
# Feature bounds: finite (float32's range), as Gymnasium recommends; features are counts and public fields.
_FEATURE_MAX = float(np.finfo(np.float32).max)


class SlateEnv(gymnasium.Env):
    """A prodsim world (slate/v1, movies/v1, or any domain whose research probe names a slate
    endpoint) stepped one slate request at a time.

    Observation (a Dict of numpy arrays): `user` (the asking user's index), `user_features`
    (`feature_names["user"]`: what the user consumed so far, and the numeric fields of the user's
    public view), `history` (the user's last consumed items, most recent first, -1 padded),
    `candidates` (item indices) and `candidate_features` (candidates x `feature_names["item"]`:
    consumption so far and the item's public numeric fields). Nothing of the hidden truth.

    Action: `slate_size` positions into `candidates`, best first (MultiDiscrete); repeats are
    dropped by the world's own validation and counted in info["dropped"].

    Reward: what the slate led to, by `reward`: "chosen" (1 if the user took an item from it),
    "engagement" (slate: 1 per choice; movies: minutes watched) or "value" (the item's hidden
    true value, which this choice makes visible). In slate/v1 the outcome is known at once; in
    movies/v1 a viewing ends later, so a step's reward sums the outcomes that became known since
    the previous step, and info["resolved"] says which step each belongs to.

    The episode is the simulated span (`days`): `truncated` when it ends, `terminated` when the
    world has nothing left to do (e.g. slate/v1's `steps` ran out). reset(seed=s) builds the
    world of seed s; a reset without a seed takes the next episode of the last seed (s/1, s/2...).
    `config` is a configuration file (JSON or YAML) for what keywords do not reach, such as a
    `scenario` timeline; keywords are the domain's own settings (`items=500`).
    Errors of the CLI (an unknown domain, a bad setting) raise ProdsimError with its message;
    every wait on the child process is bounded by `timeout` seconds.
    """

    metadata = {"render_modes": []}

    def __init__(self, domain="slate", *, days=1, users=None, seed=42, reward=None, candidates=100, history=10,
                 deadline_ms=None, config=None, timeout=60, **settings):
        self.domain = str(domain)
        section = self.domain.split("/")[0]
        self.reward_kind = reward or DEFAULT_REWARD.get(section, "chosen")
        args = [self.domain, "--days", days, "--reward", self.reward_kind, "--candidates", candidates, "--history", history]
        if users is not None:
            args += ["--users", users]
        if deadline_ms is not None:
            args += ["--deadline-ms", deadline_ms]
        if config is not None:  # a configuration file: e.g. a scenario timeline (taste shocks...)
            args += ["--config", config]
        for key, value in settings.items():
            args += ["--set", "%s.%s=%s" % (section, key, set_value(value))]
        self._seed = str(seed)
        self._episode = 0
        self._process = StepProcess(args + ["--seed", self._seed], timeout)
        hello = self._process.hello
        self.spaces_info = hello
        self.slate_size = min(int(hello["slateSize"]), int(hello["candidates"]))
        self.candidate_count = int(hello["candidates"])
        self.feature_names = {"user": list(hello["userFeatures"]), "item": list(hello["itemFeatures"])}
        n_user, n_item, n_history = len(self.feature_names["user"]), len(self.feature_names["item"]), int(hello["history"])
        self.observation_space = spaces.Dict({
            "user": spaces.Box(0, _ID_MAX, shape=(), dtype=np.int64),
            "user_features": spaces.Box(-_FEATURE_MAX, _FEATURE_MAX, shape=(n_user,), dtype=np.float32),
            "history": spaces.Box(-1, _ID_MAX, shape=(n_history,), dtype=np.int64),
            "candidates": spaces.Box(0, _ID_MAX, shape=(self.candidate_count,), dtype=np.int64),
            "candidate_features": spaces.Box(-_FEATURE_MAX, _FEATURE_MAX, shape=(self.candidate_count, n_item), dtype=np.float32),
        })
        self.action_space = spaces.MultiDiscrete(np.full(self.slate_size, self.candidate_count, dtype=np.int64))
        self._shapes = (n_user, n_history, self.candidate_count, n_item)
        self._last = None

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        if seed is not None:
            self._seed = str(seed)
            self._episode = 0
        world_seed = self._seed if self._episode == 0 else "%s/%d" % (self._seed, self._episode)
        self._episode += 1
        reply = self._process.request({"op": "reset", "seed": world_seed})
        if reply["observation"] is None:
            raise ProdsimError("the %s world of seed %s made no slate request in its span: nothing to step" % (self.domain, world_seed))
        self._last = self._observation(reply["observation"])
        info = reply["info"]
        info["seed"] = world_seed
        return self._last, info

    def step(self, action):
        if self._last is None:
            raise RuntimeError("step() before reset(): call reset() first")
        positions = np.asarray(action)
        if positions.shape != (self.slate_size,) or not np.issubdtype(positions.dtype, np.integer) \
                or positions.min() < 0 or positions.max() >= self.candidate_count:
            raise ValueError("an action is %d integer positions in 0..%d (MultiDiscrete), got %r"
                             % (self.slate_size, self.candidate_count - 1, action))
        items = self._last["candidates"][positions].tolist()
        reply = self._process.request({"op": "step", "items": items})
        if reply["observation"] is not None:
            self._last = self._observation(reply["observation"])
        return self._last, float(reply["reward"]), bool(reply["terminated"]), bool(reply["truncated"]), reply["info"]

    def close(self):
        process = getattr(self, "_process", None)
        if process is not None:
            self._process = None
            process.close()

    def _observation(self, raw):
        n_user, n_history, n_candidates, n_item = self._shapes
        return {
            "user": np.asarray(raw["user"], dtype=np.int64),
            "user_features": np.asarray(raw["userFeatures"], dtype=np.float32).reshape(n_user),
            "history": np.asarray(raw["history"], dtype=np.int64).reshape(n_history),
            "candidates": np.asarray(raw["candidates"], dtype=np.int64).reshape(n_candidates),
            "candidate_features": np.asarray(raw["candidateFeatures"], dtype=np.float32).reshape(n_candidates, n_item),
        }

