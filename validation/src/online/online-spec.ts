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
 * WARM START, to be wired by the lead (issue 12, item 3): online, each baseline should first
 * learn the training ratings, as it does offline (the offline tier feeds them in time order),
 * through the domain's research probe. When that exists, this returns the spec fields that turn
 * it on; until then the baselines start cold and learn only from the simulated days, and
 * validation.json says `settings.warmStart: false`.
 */
export function warmStartFields(): Record<string, unknown> {
  return {};
}

/** Whether the online tier's baselines learn the training ratings before the run (see warmStartFields). */
export const WARM_START = Object.keys(warmStartFields()).length > 0;

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
    ...warmStartFields(),
  };
}
