"""Reinforcement learning on prodsim's SlateEnv: an epsilon-greedy bandit that learns, user by
user, which items are worth showing, beside a random policy.

slate/v1's users pick one item from each slate (a softmax over their hidden true scores) and
drift toward it. The reward is the chosen item's true value. The bandit remembers the value of
each item a user chose (info["resolved"]), shows the best known items first and unseen ones
after them (unseen items rank at the prior, 0, the mean true score, so known bad items sink),
and shows a random slate with chance epsilon.

    python examples/bandit.py          # three seeds, mean reward per step of each policy
"""

import numpy as np

from prodsim.gym import SlateEnv

WORLD = {"users": 30, "items": 40}


class EpsilonGreedySlate:
    """Per user and item: the mean value observed when the user chose the item."""

    def __init__(self, users, items, slate_size, epsilon=0.1, seed=0):
        self.total = np.zeros((users, items))
        self.count = np.zeros((users, items))
        self.slate_size = slate_size
        self.epsilon = epsilon
        self.rng = np.random.default_rng(seed)

    def act(self, observation):
        candidates = observation["candidates"]
        if self.rng.random() < self.epsilon:
            return self.rng.choice(len(candidates), self.slate_size, replace=False)
        user = int(observation["user"])
        count = self.count[user, candidates]
        estimate = np.divide(self.total[user, candidates], count, out=np.zeros(len(candidates)), where=count > 0)
        # Random tie-breaking among equal estimates (all unseen items at first).
        order = np.lexsort((self.rng.random(len(candidates)), -estimate))
        return order[: self.slate_size]

    def learn(self, info):
        for outcome in info["resolved"]:
            if outcome["recommended"]:
                self.total[outcome["user"], outcome["item"]] += outcome["value"]
                self.count[outcome["user"], outcome["item"]] += 1


def episode(policy, seed, days=2):
    """Mean reward per step of one episode; `policy` is "bandit" or "random"."""
    env = SlateEnv("slate", days=days, seed=seed, reward="value", candidates=WORLD["items"], history=0, **WORLD)
    try:
        observation, _ = env.reset(seed=seed)
        # epsilon 1: a random slate of distinct items every time.
        agent = EpsilonGreedySlate(WORLD["users"], WORLD["items"], env.slate_size, epsilon=0.1 if policy == "bandit" else 1.0, seed=seed)
        rewards = []
        while True:
            action = agent.act(observation)
            observation, reward, terminated, truncated, info = env.step(action)
            agent.learn(info)
            rewards.append(reward)
            if terminated or truncated:
                return float(np.mean(rewards))
    finally:
        env.close()


def main(seeds=(1, 2, 3)):
    results = {seed: {policy: episode(policy, seed) for policy in ("bandit", "random")} for seed in seeds}
    for seed, by_policy in results.items():
        print("seed %d: bandit %.3f, random %.3f mean reward per step" % (seed, by_policy["bandit"], by_policy["random"]))
    return results


if __name__ == "__main__":
    main()
