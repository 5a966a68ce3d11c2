// An outside plugin for worker-thread tests: one baseline, `fixed-ranking`, that recommends the
// lowest item ids the user has not picked yet. Its slates show that it answers its arm, and which
// items they leave out show that its observer saw the arm's interactions.
import { InProcessPredictor } from '@prodsim/core';

const SLATE = 5;

export const plugin = {
  name: 'fixed-ranking',
  version: '0.0.1',
  coreVersion: '^0.1.0',
  baselines: [
    {
      name: 'fixed-ranking',
      description: 'the lowest item ids the user has not picked yet',
      create() {
        const picked = new Map();
        const observer = {
          slate() {},
          interaction(_time, user, item) {
            if (!picked.has(user)) picked.set(user, new Set());
            picked.get(user).add(item);
          },
          outcome() {},
        };
        const suggest = ({ user }) => {
          const seen = picked.get(user) ?? new Set();
          const items = [];
          for (let item = 0; items.length < SLATE; item++) if (!seen.has(item)) items.push(item);
          return items;
        };
        return { observer, predictor: () => new InProcessPredictor({ suggest }, { name: 'fixed-ranking' }) };
      },
    },
  ],
};
