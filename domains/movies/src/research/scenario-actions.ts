import { s as schema, type Infer } from '@prodsim/core';
import { GENRES, genreIndex } from '../genres.js';
import { absorbPendingDrift, type MoviesState } from '../world/world-state.js';

const genreNames = GENRES.map((g) => g.name);

/** Scenario steps the movie domain understands (experiment timelines; course staff's exercises). */
export const MOVIES_SCENARIO_ACTIONS = {
  'taste-shock': {
    description: "shift a share of users' taste for one genre by some stars (drift the students must detect)",
    params: schema.object({
      genre: schema.string({ pattern: new RegExp(`^(${genreNames.join('|')})$`), patternText: `a genre: ${genreNames.join(', ')}` }),
      delta: schema.number({ min: -4, max: 4, description: 'stars added to the genre affinity' }),
      share: schema.number({ default: 1, min: 0, max: 1, description: 'share of users affected' }),
    }),
  },
  release: {
    description: 'release a batch of new movies now',
    params: schema.object({ movies: schema.number({ integer: true, min: 1, max: 100_000 }) }),
  },
  'fake-ratings': {
    description: 'an attack: new fake accounts rate one movie with the top rating over the next hours',
    params: schema.object({
      accounts: schema.number({ integer: true, min: 1, max: 1_000_000 }),
      movie: schema.string({ optional: true, description: 'the promoted movie id (slug); default: an obscure one' }),
      hours: schema.number({ default: 6, min: 0.1, max: 24 * 30, description: 'over how long the ratings arrive' }),
    }),
  },
  'r-rated-to-minors': {
    description: "an attack on the recommender: R-rated movies pushed to the top of minors' lists",
    params: schema.object({ share: schema.number({ min: 0, max: 1, description: "share of minors' lists that get R-rated movies injected" }) }),
  },
  'truth-update': {
    description: 'change how often the hidden ground truth absorbs what users watched (0 = after every viewing)',
    params: schema.object({ everyDays: schema.number({ integer: true, min: 0, max: 365, description: 'whole days between batched updates' }) }),
  },
  'schema-change': {
    description: 'change the stream format from now on (consumers must cope)',
    params: schema.object({
      variant: schema.enum(['v1', 'added-field', 'renamed-path'] as const, {
        description: 'v1: the contract; added-field: watch lines gain a device field; renamed-path: /data/m/ becomes /data/movie/',
      }),
    }),
  },
} as const;

type Params<K extends keyof typeof MOVIES_SCENARIO_ACTIONS> = Infer<(typeof MOVIES_SCENARIO_ACTIONS)[K]['params']>;

/** The hooks scenario steps need in a running world (kept outside the hot paths until used). */
export interface ScenarioHooks {
  releaseNow(time: number): void;
  addAccounts(time: number, n: number): number;
  scheduleFakeRating(time: number, user: number, movie: number): void;
}

export function applyMoviesScenario(s: MoviesState, hooks: ScenarioHooks, action: string, raw: unknown): void {
  const now = s.ctx.scheduler.now;
  const rng = s.ctx.rng.stream('scenario');
  switch (action) {
    case 'taste-shock': {
      const p = raw as Params<'taste-shock'>;
      const g = genreIndex(p.genre);
      const base = s.truth.genreAffinity;
      for (let u = 0; u < s.population.count; u++) {
        if (rng.next() >= p.share) continue;
        s.truth.origins.keep(u, base);
        base[u * GENRES.length + g] += p.delta;
      }
      return;
    }
    case 'release': {
      const p = raw as Params<'release'>;
      for (let i = 0; i < p.movies; i++) hooks.releaseNow(now);
      return;
    }
    case 'fake-ratings': {
      const p = raw as Params<'fake-ratings'>;
      let movie = p.movie === undefined ? -1 : s.catalogue.indexOf(p.movie);
      if (p.movie !== undefined && movie < 0) throw new Error(`fake-ratings: no movie with id ${p.movie}`);
      if (movie < 0) movie = s.catalogue.count - 1 - rng.int(Math.max(1, Math.floor(s.catalogue.count / 10)));
      if (!s.attacks.targets.includes(movie)) s.attacks.targets.push(movie);
      const first = hooks.addAccounts(now, p.accounts);
      for (let i = 0; i < p.accounts; i++) hooks.scheduleFakeRating(now + 60_000 + rng.int(Math.ceil(p.hours * 3_600_000)), first + i, movie);
      return;
    }
    case 'r-rated-to-minors':
      s.attacks.rToMinors = (raw as Params<'r-rated-to-minors'>).share;
      return;
    case 'truth-update':
      // Switching to continuous updates first absorbs what is pending, so nothing is lost.
      if ((raw as Params<'truth-update'>).everyDays === 0) absorbPendingDrift(s);
      s.truthUpdateDays = (raw as Params<'truth-update'>).everyDays;
      return;
    case 'schema-change':
      s.lines.variant = (raw as Params<'schema-change'>).variant;
      return;
    default:
      throw new Error(`the movie domain has no scenario action ${action}`);
  }
}
