/**
 * The like-for-like scenarios, shared by every simulator in the peers benchmark: users choose
 * one item per step from a recommended slate, latent-factor preferences drifting toward chosen
 * items, a popularity or a random recommender.
 */
export type Recommender = 'popularity' | 'random' | 'personalised';

export interface Scenario {
  recommender: Recommender;
  users: number;
  items: number;
  steps: number;
  /** Latent dimensions, slate size and drift share are the same on every side. */
  dims: number;
  slate: number;
  drift: number;
  seed: number;
  /** Whether the peers run it too (the largest size, and personalised models past 1,000 users, are prodsim's alone). */
  peers: boolean;
}

export const COMMON = { dims: 20, slate: 10, drift: 0.1, seed: 42 } as const;

const SIZES = [
  { users: 1_000, items: 1_000, steps: 100 },
  { users: 10_000, items: 1_000, steps: 100 },
  { users: 100_000, items: 10_000, steps: 100 },
] as const;

/**
 * (a) popularity and (b) random at 1,000 and 10,000 users for everyone, plus, for honesty, a
 * personalised model (T-RECS content filtering, RecLab item-kNN, prodsim online MF) at 1,000
 * users for everyone, and every recommender at 100,000 x 10,000 for prodsim alone.
 */
export function scenarios(options: { large: boolean }): Scenario[] {
  const out: Scenario[] = [];
  for (const size of SIZES) {
    if (size.users > 10_000 && !options.large) continue;
    for (const recommender of ['popularity', 'random', 'personalised'] as const) {
      const peers = size.users <= 10_000 && (recommender !== 'personalised' || size.users <= 1_000);
      out.push({ recommender, ...size, ...COMMON, peers });
    }
  }
  return out;
}

export function sizeLabel(s: Pick<Scenario, 'users' | 'items' | 'steps'>, stepsRun = s.steps): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(s.users)} x ${n(s.items)} x ${stepsRun === s.steps ? n(s.steps) : `${n(stepsRun)}/${n(s.steps)}`}`;
}

/** One simulator's result for one scenario: what every runner (TypeScript or Python) prints as JSON. */
export interface ScenarioResult {
  simulator: string;
  version: string;
  recommender: Recommender;
  users: number;
  items: number;
  steps: number;
  stepsRun: number;
  truncated: boolean;
  interactions: number;
  setupSeconds: number;
  wallSeconds: number;
  interactionsPerSecond: number;
  peakRssBytes: number;
  computes: string;
  /** Anything else a runner reports (event bytes, a digest of the log, BLAS build). */
  [extra: string]: unknown;
}
