import type { BaselineName } from '@prodsim/experiments';

/** The recommenders of the online tier, each the recommender of its own arm (the oracle: online only). */
export const ONLINE_RECOMMENDERS: readonly BaselineName[] = ['random', 'popularity', 'item-knn', 'mf', 'oracle'];

export interface OnlineSpecOptions {
  /** The training part written as a MovieLens directory: the world is fitted to it. */
  trainDir: string;
  days: number;
  replications: number;
  seed: string;
  /** Simulated users (default: the movies domain's default). */
  users?: number;
  /** A fingerprint of the training data, named in the spec's description (online/spec.json says what it ran on). */
  dataFingerprint: string;
}

/**
 * The online baselines are warm-started: the experiment runner feeds every baseline the world's
 * history (ResearchProbe.history) before the run, and a world fitted to the training part has
 * the training ratings as its history (each simulated user its source user's, with a full
 * viewing's minutes as the engagement). So offline and online learn from the same ratings, as a
 * team trains on its log before going live; the online arms then go on learning from the run.
 */
export const WARM_START = true;

/**
 * How the arms share the world: `paired`, every arm on its own copy of the same world (the same
 * seed per replication: the same users, catalogue and random streams) with all its users, so
 * that the arms are compared on paired differences and world-to-world variation cancels.
 */
export const ONLINE_DESIGN = 'paired';

/**
 * The experiment spec of the online tier, built in code: one arm per recommender in the world
 * fitted to the training part.
 */
export function onlineSpec(options: OnlineSpecOptions): Record<string, unknown> {
  return {
    name: 'validation-online',
    description: `decision fidelity, online tier: each recommender in its own arm of a world fitted to the training part (${options.dataFingerprint})`,
    domain: 'movies',
    seed: options.seed,
    replications: options.replications,
    days: options.days,
    design: ONLINE_DESIGN,
    world: { source: options.trainDir, ...(options.users === undefined ? {} : { users: options.users }) },
    arms: ONLINE_RECOMMENDERS.map((name) => ({ name, predictor: name })),
  };
}
