import { s, type Infer } from '@prodsim/core';

export const RECOMMENDERS = ['popularity', 'random', 'mf'] as const;
export type RecommenderName = (typeof RECOMMENDERS)[number];

export const slateConfigSchema = s.object({
  users: s.number({ default: 1000, integer: true, min: 1, max: 10_000_000, description: 'simulated users' }),
  items: s.number({ default: 1000, integer: true, min: 2, max: 10_000_000, description: 'items in the catalogue' }),
  dims: s.number({ default: 20, integer: true, min: 1, max: 1024, description: 'latent factor dimensions of the hidden preferences' }),
  slate: s.number({ default: 10, integer: true, min: 1, max: 1000, description: 'items the slate endpoint is asked for' }),
  stepMinutes: s.number({ default: 60, min: 0.001, max: 10_080, description: 'simulated minutes between steps; every user visits once per step' }),
  steps: s.number({ optional: true, integer: true, min: 1, description: 'stop scheduling visits after this many steps (default: until the run ends)' }),
  drift: s.number({
    default: 0.1,
    min: 0,
    max: 1,
    description: 'share of the angle a preference turns toward a chosen item (T-RECS-style slerp); 0 = static users',
  }),
  choiceNoise: s.number({
    default: 0.5,
    min: 0,
    max: 100,
    description: 'temperature of the softmax choice over true scores within a slate (= argmax of score + Gumbel noise of this scale); 0 = argmax',
  }),
  recommender: s.enum(RECOMMENDERS, {
    default: 'popularity',
    description:
      'the in-process predictor used when no outside service is configured: popularity, random, or mf (matrix factorisation learned online from the choices)',
  }),
  topic: s.string({ default: 'slate', pattern: /^[A-Za-z0-9._-]+$/, patternText: 'a topic name of letters, digits, . _ -' }),
});

export type SlateConfig = Infer<typeof slateConfigSchema>;
