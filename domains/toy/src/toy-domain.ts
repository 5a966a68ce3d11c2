import {
  InProcessPredictor,
  PublicCatalog,
  s,
  type DomainContext,
  type DomainPlugin,
  type DomainWorld,
  type EntityCollection,
  type Infer,
  type PredictionEndpoint,
} from '@prodsim/core';

const configSchema = s.object({
  users: s.number({ default: 200, integer: true, min: 1, max: 10_000_000, description: 'simulated users' }),
  items: s.number({ default: 50, integer: true, min: 2, max: 1_000_000, description: 'items to choose from' }),
  sessionsPerDay: s.number({ default: 1, min: 0, max: 100, description: 'mean sessions per user and day' }),
  topic: s.string({ default: 'toylog', pattern: /^[A-Za-z0-9._-]+$/, patternText: 'a topic name of letters, digits, . _ -' }),
});
export type ToyConfig = Infer<typeof configSchema>;

interface SuggestRequest {
  user: number;
}

/**
 * toy/v1: each user wakes a few times a day, asks the `suggest` endpoint for items, and picks
 * one: a suggested item if it likes it (hidden affinity), otherwise a random one.
 */
export const toyDomain: DomainPlugin<ToyConfig> = {
  id: 'toy/v1',
  description: 'minimal reference domain: users pick items, guided by a suggest endpoint',
  coreVersion: '^0.1.0',
  config: configSchema,
  flags: { users: 'users' },
  forTeam: (config, team) => ({ ...config, topic: `${config.topic}${team.index}` }),
  conformance: {
    days: 2,
    domainConfig: { users: 300 },
    validateEvent(value) {
      const event = JSON.parse(value);
      if (!/^\d{4}-\d\d-\d\dT/.test(event.t) || !Number.isInteger(event.user)) throw new Error(`malformed toy event ${value}`);
    },
  },
  create(ctx: DomainContext, config: ToyConfig): DomainWorld {
    const population = ctx.rng.stream('population');
    const behaviour = ctx.rng.stream('behaviour');
    // Hidden ground truth: each user's favourite item and how strongly it prefers it.
    const favourite = new Int32Array(config.users);
    const affinity = new Float64Array(config.users);
    for (let u = 0; u < config.users; u++) {
      favourite[u] = population.int(config.items);
      affinity[u] = population.next();
    }
    const picks = new Int32Array(config.items);
    const wake = ctx.events.declare('pick', config.topic);
    const failed = ctx.events.declare('failed-request', config.topic);

    const suggest: PredictionEndpoint<SuggestRequest, number[]> = {
      name: 'suggest',
      description: 'up to 5 item ids for a user, best first',
      defaultDeadlineMs: 200,
      http: { method: 'GET', path: (r) => `/suggest/${r.user}` },
      parseBody: (body) => ({
        ok: true,
        value: body
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
          .map(Number),
        dropped: 0,
      }),
      validate(raw) {
        if (!Array.isArray(raw)) return { ok: false, error: 'answer is not a list' };
        const ids = raw.filter((x) => Number.isInteger(x) && x >= 0 && x < config.items).slice(0, 5) as number[];
        return { ok: true, value: ids, dropped: raw.length - ids.length };
      },
    };

    const users: EntityCollection<{ id: number }> = {
      name: 'user',
      idPattern: /^\d+$/,
      get size() {
        return config.users;
      },
      get: (id) => (Number(id) < config.users ? { id: Number(id) } : undefined),
      sampleIds: (n) => Array.from({ length: Math.min(n, config.users) }, (_, i) => String(Math.floor((i * config.users) / Math.min(n, config.users)))),
    };

    const session = ctx.scheduler.register('toy-session', (_time, user) => {
      ctx.predictions.request(suggest, { user }, user, (outcome, at) => {
        if (outcome.kind === 'ok') ctx.observe.slate(at, user, outcome.value);
        let item: number;
        if (outcome.kind === 'ok' && outcome.value.includes(favourite[user]) && behaviour.next() < 0.5 + affinity[user] / 2) item = favourite[user];
        else if (outcome.kind === 'ok' && outcome.value.length > 0 && behaviour.next() < 0.3) item = outcome.value[0];
        else item = behaviour.int(config.items);
        picks[item]++;
        const recommended = outcome.kind === 'ok' && outcome.value.includes(item);
        ctx.observe.interaction(at, user, item, recommended, 1, item === favourite[user] ? 1 : 0);
        if (outcome.kind !== 'ok')
          ctx.events.emit(failed, String(user), JSON.stringify({ t: new Date(at).toISOString(), user, outcome: outcome.kind, error: outcome.error }));
        ctx.events.emit(wake, String(user), JSON.stringify({ t: new Date(at).toISOString(), user, item }));
      });
    });

    return {
      catalog: new PublicCatalog().add(users),
      endpoints: [suggest],
      routes: [],
      defaultPredictor() {
        // Popularity: the five most picked items so far.
        return new InProcessPredictor(
          {
            suggest: () =>
              Array.from(picks.keys())
                .sort((a, b) => picks[b] - picks[a] || a - b)
                .slice(0, 5),
          },
          { name: 'popularity' },
        );
      },
      start() {
        ctx.scheduler.onDayStart((dayStart) => {
          for (let u = 0; u < config.users; u++) {
            const n = behaviour.poisson(config.sessionsPerDay);
            for (let k = 0; k < n; k++) ctx.scheduler.at(dayStart + Math.floor(behaviour.next() * 86_400_000), session, u);
          }
        });
      },
      summary: () => ({ users: config.users, items: config.items }),
      probe: {
        userCount: config.users,
        itemCount: config.items,
        userGroup: (user) => (user % 2 === 0 ? 'even' : 'odd'),
        itemDistance: (a, b) => Math.abs(a - b) / config.items,
        // Toy users never change their tastes.
        tasteDrift: () => 0,
        slateEndpoint: { name: 'suggest', size: 5, userOf: (request) => (request as SuggestRequest).user, answer: (items) => [...items] },
      },
      groundTruthCanaries: () => Array.from({ length: Math.min(20, config.users) }, (_, u) => String(affinity[u])),
    };
  },
};
