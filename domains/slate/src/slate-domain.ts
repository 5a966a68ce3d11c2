import {
  PublicCatalog,
  Priority,
  type DomainContext,
  type DomainPlugin,
  type DomainWorld,
  type EntityCollection,
  type Outcome,
  type ResearchProbe,
} from '@prodsim/core';
import { encodeChoice, encodeFailure, parseChoice } from './choice-event.js';
import { SlateChoice } from './choice.js';
import { LatentFactors } from './latent-factors.js';
import { ObservedChoices } from './observed-choices.js';
import { createRecommender } from './recommenders.js';
import { slateConfigSchema, type SlateConfig } from './slate-config.js';
import { slateEndpoint, type Slate, type SlateRequest } from './slate-endpoint.js';

/**
 * slate/v1: a small research world in the style of T-RECS and RecLab. Users and items have hidden
 * latent factors. Every step each user visits once (at a random second in the first half of the
 * step), asks the `slate` endpoint for k items, takes one (a softmax choice over true scores), and
 * turns its preferences a little toward what it took. One compact `choice` event per
 * interaction; no per-interaction objects beyond the request and its outcome.
 */
export const slateDomain: DomainPlugin<SlateConfig> = {
  id: 'slate/v1',
  description: 'research world: latent-factor users pick one item per step from a recommended slate and drift toward it',
  coreVersion: '^0.1.0',
  config: slateConfigSchema,
  flags: { users: 'users' },
  conformance: {
    domainConfig: { users: 200, items: 300, steps: 5 },
    validateEvent(value) {
      if (value.startsWith('{')) {
        const failure = JSON.parse(value);
        if (!Number.isInteger(failure.user) || typeof failure.outcome !== 'string') throw new Error(`malformed failure event ${value}`);
        return;
      }
      const choice = parseChoice(value);
      if (!choice || choice.item >= 300 || choice.user >= 200 || choice.rank >= 10) throw new Error(`malformed choice event ${value}`);
    },
  },
  create(ctx: DomainContext, config: SlateConfig): DomainWorld {
    const truth = new LatentFactors(config.users, config.items, config.dims, ctx.rng.stream('population'));
    const arrivals = ctx.rng.stream('arrivals');
    const choiceRng = ctx.rng.stream('choice');
    const chooser = new SlateChoice(truth, config.choiceNoise, choiceRng);
    const observed = new ObservedChoices(config.items);
    const endpoint = slateEndpoint(config.items);
    const choiceKind = ctx.events.declare('choice', config.topic);
    const failedKind = ctx.events.declare('failed-request', config.topic);
    const fromSlate = ctx.metrics.counter('slate_choices_total', 'Items chosen, by where the choice came from', { from: 'slate' });
    const browsed = ctx.metrics.counter('slate_choices_total', 'Items chosen, by where the choice came from', { from: 'browse' });
    const rankBounds = Array.from({ length: config.slate }, (_, i) => i);
    const rankHistogram = ctx.metrics.histogram('slate_choice_rank', 'Slate position of the chosen item (0 = first)', {}, rankBounds);
    const stepMs = Math.max(1, Math.round(config.stepMinutes * 60_000));
    // Visits fall on whole seconds when steps are long enough: many share a decision time then,
    // and the time's text is built once for all of them (see `timeText`).
    const grain = stepMs >= 2_000 ? 1_000 : 1;
    const slots = Math.max(1, Math.floor(stepMs / 2 / grain));
    let lastTime = NaN;
    let lastTimeText = '';
    const timeText = (t: number): string => (t === lastTime ? lastTimeText : ((lastTime = t), (lastTimeText = String(t))));
    const keys: string[] = new Array(config.users);
    let step = -1;
    let stepsStarted = 0;
    let scoreSum = 0;

    const decide = (user: number, outcome: Outcome<Slate>, at: number): void => {
      let item: number;
      let rank: number;
      if (outcome.kind === 'ok' && outcome.value.length > 0) {
        ctx.observe.slate(at, user, outcome.value);
        rank = chooser.choose(user, outcome.value);
        item = outcome.value[rank];
        rankHistogram.observe(rank);
        fromSlate.inc();
      } else {
        // No usable slate: the user browses the catalogue and takes an item at random.
        if (outcome.kind !== 'ok')
          ctx.events.emit(failedKind, keys[user] ?? (keys[user] = String(user)), encodeFailure(at, user, outcome.kind, outcome.status, outcome.error));
        item = choiceRng.int(config.items);
        rank = -1;
        browsed.inc();
      }
      const score = truth.score(user, item);
      scoreSum += score;
      // For experiments and the step protocol only (a no-op otherwise): one choice, its true score.
      ctx.observe.interaction(at, user, item, rank >= 0, 1, score);
      observed.record(user, item);
      truth.drift(user, item, config.drift);
      ctx.events.emit(choiceKind, keys[user] ?? (keys[user] = String(user)), encodeChoice(timeText(at), user, item, rank));
    };

    const visit = ctx.scheduler.register('slate-visit', (_time, user) => {
      ctx.predictions.request(endpoint, { user, step, k: config.slate }, user, (outcome, at) => decide(user, outcome, at));
    });

    let recurring = -1;
    const stepStart = ctx.scheduler.register('slate-step', (time) => {
      if (config.steps !== undefined && stepsStarted >= config.steps) {
        ctx.scheduler.cancelRecurring(recurring);
        return;
      }
      step++;
      stepsStarted++;
      for (let u = 0; u < config.users; u++) ctx.scheduler.at(time + arrivals.int(slots) * grain, visit, u);
    });

    const users: EntityCollection<{ id: number }> = {
      name: 'user',
      idPattern: /^\d+$/,
      get size() {
        return config.users;
      },
      get: (id) => (/^\d+$/.test(id) && Number(id) < config.users ? { id: Number(id) } : undefined),
      sampleIds: (n) => spread(n, config.users),
    };
    const items: EntityCollection<{ id: number; choices: number }> = {
      name: 'item',
      idPattern: /^\d+$/,
      get size() {
        return config.items;
      },
      get: (id) => (/^\d+$/.test(id) && Number(id) < config.items ? { id: Number(id), choices: observed.counts[Number(id)] } : undefined),
      sampleIds: (n) => spread(n, config.items),
    };

    let probe: ResearchProbe | undefined;
    return {
      catalog: new PublicCatalog().add(users).add(items),
      // Built when first asked for (experiments and `prodsim gym` ask before the run starts): its
      // copy of the starting preferences costs users x dims floats that plain runs do not need.
      get probe() {
        if (!probe) probe = slateProbe(truth, config);
        return probe;
      },
      endpoints: [endpoint],
      routes: [],
      defaultPredictor: () => createRecommender(config.recommender, observed, ctx.rng.stream('recommender'), config.users),
      start() {
        recurring = ctx.scheduler.every(ctx.startTime, stepMs, stepStart, 0, Priority.HIGH);
      },
      summary: () => ({
        users: config.users,
        items: config.items,
        dims: config.dims,
        slate: config.slate,
        recommender: config.recommender,
        steps: stepsStarted,
        choices: observed.total,
        itemsChosen: observed.itemsChosen,
        top10Share: round(observed.topShare(10)),
        meanChosenScore: observed.total > 0 ? round(scoreSum / observed.total) : 0,
      }),
      groundTruthCanaries: () => {
        const out: string[] = [];
        for (let i = 0; i < Math.min(20, truth.users.length); i++) out.push(String(truth.users[i]));
        for (let i = 0; i < Math.min(20, truth.items.length); i++) out.push(String(truth.items[i]));
        return out;
      },
    };
  },
};

/**
 * What experiments and the step protocol may ask of a slate world. Items have no public features,
 * so two items are at distance 1 unless they are the same; users form one group; taste drift is
 * the angle (over pi) a user's preferences turned from where they were when the probe was made.
 */
function slateProbe(truth: LatentFactors, config: SlateConfig): ResearchProbe {
  const initial = truth.users.slice();
  const d = config.dims;
  return {
    userCount: config.users,
    itemCount: config.items,
    userGroup: () => 'all',
    itemDistance: (a, b) => (a === b ? 0 : 1),
    tasteDrift(user) {
      let dot = 0;
      let nowSq = 0;
      let thenSq = 0;
      for (let j = user * d; j < (user + 1) * d; j++) {
        dot += truth.users[j] * initial[j];
        nowSq += truth.users[j] * truth.users[j];
        thenSq += initial[j] * initial[j];
      }
      const cos = dot / Math.sqrt(nowSq * thenSq || 1);
      return Math.acos(Math.min(1, Math.max(-1, cos))) / Math.PI;
    },
    trueValue: (user, item) => truth.score(user, item),
    slateEndpoint: { name: 'slate', size: config.slate, userOf: (request) => (request as SlateRequest).user, answer: (ids) => [...ids] },
  };
}

function spread(n: number, size: number): string[] {
  const m = Math.min(n, size);
  return Array.from({ length: m }, (_, i) => String(Math.floor((i * size) / m)));
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
