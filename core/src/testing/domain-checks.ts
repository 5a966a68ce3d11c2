import type { DomainConformanceHints, DomainPlugin, DomainWorld } from '../domain/domain-plugin.js';
import { DomainRegistry } from '../domain/domain-registry.js';
import type { Predictor } from '../prediction/predictor.js';
import type { RouteResponse } from '../world/route.js';
import { ensure, fail, reasonOf, type ConformanceCheck, type ConformanceSuite } from './conformance-check.js';
import { runWorld, type WorldRun } from './run-world.js';

/** The conformance options of a domain: by default its own `conformance` hints. */
export type DomainConformanceOptions = DomainConformanceHints;

/** Flags of `prodsim run` that a domain may map onto its configuration (`DomainPlugin.flags`). */
const CLI_FLAGS = ['users', 'contract'];
/** Canaries shorter than this would match public text by chance, so the suite ignores them. */
const MIN_CANARY = 6;
const UNKNOWN_ID = 'no-such-id-\u2603';

/**
 * The suite every domain passes, without a test runner: it registers; every config field has a
 * default; the same seed gives the same event log byte for byte and another seed another one;
 * events are well formed, on declared topics; no ground-truth canary reaches an event, a public
 * view or a route; entity lookups and routes behave; prediction endpoints have deadlines and HTTP
 * mappings; and, where the domain has them, scenario actions validate and apply, `forTeam` gives
 * each team its own topics, `flags` name real fields, and the research probe keeps its contract.
 */
export function domainConformance(plugin: DomainPlugin, options: DomainConformanceOptions = {}): ConformanceSuite {
  const hints = { ...plugin.conformance, ...options };
  const days = hints.days ?? 1;
  const section = plugin.id.split('/')[0];
  const requests = new Map<string, unknown>();
  const runs = new Map<string, Promise<WorldRun>>();
  // Every run records the first request of each endpoint (the probe and endpoint checks use them).
  const record = (world: DomainWorld): Predictor => {
    const inner = world.defaultPredictor();
    return {
      target: inner.target,
      predict(endpoint, request, o) {
        if (!requests.has(endpoint.name)) requests.set(endpoint.name, request);
        return inner.predict(endpoint, request, o);
      },
      close: () => inner.close(),
    };
  };
  const fresh = async (seed: string, research = false): Promise<WorldRun> => {
    const run = await runWorld(plugin, { seed, days, domainConfig: hints.domainConfig, predictor: record, research });
    ensure(run.summary.reason !== 'error', `a ${days}-day run with seed ${seed} failed: ${run.summary.error}`);
    return run;
  };
  // A world observed for research (as experiments run it) is cached apart from a plain one.
  const run = (seed: string, research = false): Promise<WorldRun> => {
    const key = research ? `${seed} (research)` : seed;
    if (!runs.has(key)) runs.set(key, fresh(seed, research));
    return runs.get(key)!;
  };

  const checks: ConformanceCheck[] = [
    {
      name: 'registers with a versioned id, and its config schema gives every field a default',
      run() {
        const registry = new DomainRegistry().register(plugin);
        ensure(registry.get(section) === plugin, `the registry does not find ${plugin.id} by its name ${section}`);
        attempt(() => plugin.config.parse({}, section), 'the config schema refuses an empty section (every field needs a default)');
        attempt(() => plugin.config.parse(hints.domainConfig ?? {}, section), 'the config schema refuses conformance.domainConfig');
      },
    },
    {
      name: 'gives the same event log for the same seed, and another log for another seed',
      async run() {
        const a = await run('conformance-a');
        const minEvents = hints.minEvents ?? 50;
        ensure(
          a.capture.events.length >= minEvents,
          `a ${days}-day run emitted ${a.capture.events.length} events; at least ${minEvents} expected (a bigger conformance.domainConfig, or a smaller conformance.minEvents)`,
        );
        const b = await fresh('conformance-a');
        const k = firstApart(a.capture.events, b.capture.events);
        ensure(
          k < 0,
          `the same seed gave another event log, first apart at event ${k}: ${JSON.stringify(b.capture.events[k]?.value)} instead of ${JSON.stringify(a.capture.events[k]?.value)} (is every draw from ctx.rng, and no state shared between worlds?)`,
        );
        const c = await run('conformance-b');
        ensure(c.capture.text() !== a.capture.text(), 'another seed gave the same event log (is the world built from ctx.rng?)');
      },
    },
    {
      name: 'emits only well-formed events, one line each, on declared topics',
      async run() {
        const { capture, sim } = await run('conformance-a');
        const topics = new Set(sim.events.kindsDeclared().map((k) => k.topic));
        capture.events.forEach((event, i) => {
          ensure(topics.has(event.topic), `event ${i} is on topic ${event.topic}, which no declared event kind uses`);
          ensure(!/[\r\n]/.test(event.value), `event ${i} holds a line break; the stream is one event per line`);
          if (hints.validateEvent) attempt(() => hints.validateEvent!(event.value, event.topic), `event ${i} (${event.value.slice(0, 80)}) is malformed`);
        });
      },
    },
    {
      name: 'never lets the ground truth into events, public views or routes',
      async run() {
        const { capture, world } = await run('conformance-a');
        const canaries = world.groundTruthCanaries().filter((c) => c.length >= MIN_CANARY);
        ensure(
          canaries.length > 0,
          `groundTruthCanaries() returned no string of at least ${MIN_CANARY} characters (shorter ones would match public text by chance, so they are ignored); return hidden values as they would be written if they leaked, e.g. String(affinity[u])`,
        );
        const sources: [string, string][] = [['the event stream', capture.events.map((e) => e.value).join('\n')]];
        for (const collection of world.catalog.list()) {
          sources.push([
            `the public views of ${collection.name}`,
            collection
              .sampleIds(50)
              .map((id) => JSON.stringify(collection.get(id)))
              .join('\n'),
          ]);
        }
        for (const route of world.routes) {
          const bodies = await Promise.all(idsForRoute(world, route.path).map((id) => callRoute(route, id)));
          sources.push([
            `route ${route.path}`,
            bodies
              .filter(isText)
              .map((r) => (typeof r.body === 'string' ? r.body : Buffer.from(r.body).toString('utf8')))
              .join('\n'),
          ]);
        }
        for (const [where, text] of sources) {
          for (const canary of canaries) ensure(!text.includes(canary), `the ground-truth value ${canary} appears in ${where}`);
        }
      },
    },
    {
      name: 'serves entity views by id, and answers unknown ids with undefined',
      async run() {
        const { world } = await run('conformance-a');
        for (const collection of world.catalog.list()) {
          const ids = collection.sampleIds(5);
          ensure(ids.length > 0, `collection ${collection.name} offers no sample ids`);
          for (const id of ids) {
            ensure(collection.idPattern.test(id), `collection ${collection.name}: sample id ${id} does not match its idPattern ${collection.idPattern}`);
            ensure(collection.get(id) !== undefined, `collection ${collection.name}: sample id ${id} has no view`);
          }
          ensure(collection.get(UNKNOWN_ID) === undefined, `collection ${collection.name} answers an unknown id with a view`);
        }
      },
    },
    {
      name: 'declares prediction endpoints with a deadline and an HTTP mapping for the requests it makes',
      async run() {
        const { world } = await run('conformance-a');
        ensure(world.endpoints.length > 0, 'the world declares no prediction endpoint');
        for (const endpoint of world.endpoints) {
          ensure(/^[a-z][a-z0-9-]*$/.test(endpoint.name), `endpoint ${JSON.stringify(endpoint.name)}: names are lowercase letters, digits and dashes`);
          ensure(
            Number.isInteger(endpoint.defaultDeadlineMs) && endpoint.defaultDeadlineMs > 0,
            `endpoint ${endpoint.name} has no positive whole defaultDeadlineMs`,
          );
          const request = requests.get(endpoint.name);
          if (request === undefined) continue;
          const path = endpoint.http.path(request);
          ensure(
            typeof path === 'string' && path.startsWith('/'),
            `endpoint ${endpoint.name}: http.path(request) is ${JSON.stringify(path)}, not a path starting with /`,
          );
        }
        ensure(requests.size > 0, `a ${days}-day run made no prediction request`);
      },
    },
    {
      name: 'declares GET routes that answer unknown ids with a 4xx, and sampled ids without a server error',
      async run() {
        const { world } = await run('conformance-a');
        if (world.routes.length === 0) return 'no routes declared';
        for (const route of world.routes) {
          ensure(
            route.method === 'GET' && route.path.startsWith('/'),
            `route ${route.method} ${route.path}: only GET routes with a path starting with / can be declared`,
          );
          ensure(typeof route.description === 'string' && route.description.length > 0, `route ${route.path} has no description`);
          const unknown = await callRoute(route, UNKNOWN_ID);
          ensure(unknown.status >= 400 && unknown.status < 500, `route ${route.path} answers an unknown id with status ${unknown.status}, not a 4xx`);
          for (const id of idsForRoute(world, route.path)) {
            const answer = await callRoute(route, id);
            ensure(answer.status < 500 && typeof answer.contentType === 'string', `route ${route.path} answers id ${id} with status ${answer.status}`);
          }
        }
      },
    },
  ];

  if (plugin.scenarioActions && Object.keys(plugin.scenarioActions).length > 0) {
    const actions = plugin.scenarioActions;
    checks.push({
      name: 'declares scenario actions whose parameters validate, and that apply to a running world',
      async run() {
        const scenario: { day: number; action: string; params: Record<string, unknown> }[] = [];
        const unapplied: string[] = [];
        for (const [action, spec] of Object.entries(actions)) {
          ensure(/^[a-z][a-z0-9-]*$/.test(action), `scenario action ${JSON.stringify(action)}: names are lowercase letters, digits and dashes`);
          ensure(
            typeof spec.description === 'string' && typeof spec.params?.parse === 'function',
            `scenario action ${action} needs a description and a params schema`,
          );
          const example = hints.scenarioParams?.[action];
          let refused = false;
          try {
            spec.params.parse({ ...example, [UNKNOWN_ID]: 1 }, `${action}.params`);
          } catch {
            refused = true;
          }
          ensure(refused, `scenario action ${action}: its params schema accepts an unknown field, so typos would pass (build it with s.object)`);
          if (example !== undefined)
            attempt(
              () => spec.params.parse(example, `${action}.params`),
              `scenario action ${action}: its params schema refuses conformance.scenarioParams.${action}`,
            );
          else if (!accepts(spec.params, {})) {
            // Parameters without defaults: the suite cannot invent values, so this action is not applied.
            unapplied.push(action);
            continue;
          }
          scenario.push({ day: days / 2, action, params: example ?? {} });
        }
        if (scenario.length > 0) {
          const applied = await runWorld(plugin, { seed: 'conformance-a', days, domainConfig: hints.domainConfig, scenario });
          ensure(typeof applied.world.applyScenario === 'function', 'the world declares scenario actions but has no applyScenario(action, params)');
          ensure(applied.summary.reason !== 'error', `applying the scenario actions at day ${days / 2} failed: ${applied.summary.error}`);
        }
        if (unapplied.length > 0) return `not applied, their parameters need values (conformance.scenarioParams): ${unapplied.join(', ')}`;
      },
    });
  }

  if (plugin.forTeam) {
    checks.push({
      name: 'course mode: forTeam gives each team its own topics',
      async run() {
        const topicsOf = async (index: number) => {
          const team = await runWorld(plugin, {
            seed: 'conformance-a',
            days,
            domainConfig: hints.domainConfig,
            team: { name: `team${index}`, index },
            maxEvents: 1,
            capture: false,
          });
          ensure(team.summary.reason !== 'error', `team ${index}'s world failed: ${team.summary.error}`);
          return new Set(team.sim.events.kindsDeclared().map((k) => k.topic));
        };
        const [one, two] = [await topicsOf(1), await topicsOf(2)];
        const shared = [...one].filter((t) => two.has(t));
        ensure(shared.length === 0, `teams 1 and 2 both publish to ${shared.join(', ')}; forTeam should give each team its own topics (e.g. topic + index)`);
      },
    });
  }

  if (plugin.flags && Object.keys(plugin.flags).length > 0) {
    const flags = plugin.flags;
    checks.push({
      name: 'maps command-line flags onto fields of its configuration',
      run() {
        const defaults = plugin.config.parse(hints.domainConfig ?? {}, section) as Record<string, unknown>;
        for (const [flag, field] of Object.entries(flags)) {
          ensure(CLI_FLAGS.includes(flag), `flags.${flag}: prodsim run has no --${flag} (it has ${CLI_FLAGS.map((f) => `--${f}`).join(', ')})`);
          ensure(field in defaults, `flags.${flag} names ${field}, which is not a field of the configuration`);
          // Flags arrive as text: the schema must take the text of a value it accepts.
          attempt(
            () => plugin.config.parse({ ...hints.domainConfig, [field]: String(defaults[field]) }, section),
            `--${flag} ${String(defaults[field])} is refused`,
          );
        }
      },
    });
  }

  checks.push({
    name: 'gives the same event log whether or not it is observed for research',
    async run() {
      // Research bookkeeping (DomainContext.research) may cost memory, never a different world.
      const plain = (await run('conformance-a')).capture.events;
      const observed = (await run('conformance-a', true)).capture.events;
      const k = firstApart(plain, observed);
      ensure(k < 0, `observed for research, the log differs from event ${k} on`);
    },
  });

  checks.push({
    name: 'answers the research probe within its contract (experiments and --baseline need it)',
    async run() {
      const { world } = await run('conformance-a', true);
      const probe = world.probe;
      if (!probe) return 'no research probe: prodsim experiment and --baseline cannot run this domain';
      ensure(Number.isInteger(probe.userCount) && probe.userCount > 0, `probe.userCount is ${probe.userCount}, not a whole number > 0`);
      ensure(Number.isInteger(probe.itemCount) && probe.itemCount > 0, `probe.itemCount is ${probe.itemCount}, not a whole number > 0`);
      for (const user of spread(probe.userCount, 20)) {
        const group = probe.userGroup(user);
        ensure(typeof group === 'string' && group.length > 0, `probe.userGroup(${user}) is ${JSON.stringify(group)}, not a group name`);
        const drift = probe.tasteDrift(user);
        ensure(Number.isFinite(drift) && drift >= 0, `probe.tasteDrift(${user}) is ${drift}, not a finite number >= 0`);
        for (const item of spread(probe.itemCount, 5)) {
          if (probe.trueValue) ensure(Number.isFinite(probe.trueValue(user, item)), `probe.trueValue(${user}, ${item}) is not a finite number`);
        }
      }
      const items = spread(probe.itemCount, 10);
      for (const a of items) {
        ensure(probe.itemDistance(a, a) === 0, `probe.itemDistance(${a}, ${a}) is ${probe.itemDistance(a, a)}; an item is at distance 0 from itself`);
        for (const b of items) {
          const d = probe.itemDistance(a, b);
          ensure(Number.isFinite(d) && d >= 0 && d <= 1, `probe.itemDistance(${a}, ${b}) is ${d}, not within [0, 1]`);
        }
      }
      if (probe.listDiversity) {
        for (const list of [items, items.slice(0, 2), [...items].reverse(), [items[0], items[0], ...items.slice(1, 4)]]) {
          let sum = 0;
          for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) sum += probe.itemDistance(list[i], list[j]);
          const pairwise = sum / ((list.length * (list.length - 1)) / 2);
          const given = probe.listDiversity(list);
          ensure(
            Math.abs(given - pairwise) <= 1e-9,
            `probe.listDiversity([${list.join(', ')}]) is ${given}, where the mean itemDistance over its pairs is ${pairwise}`,
          );
        }
        ensure(
          Number.isNaN(probe.listDiversity([items[0]])),
          `probe.listDiversity([${items[0]}]) is ${probe.listDiversity([items[0]])}; a list of one item has no pairs (NaN)`,
        );
      }
      const history = probe.history?.();
      if (history)
        ensure(
          Number.isInteger(history.count) && [history.user, history.item, history.time, history.engagement].every((c) => c.length >= history.count),
          'probe.history() has columns shorter than its count',
        );
      const slate = probe.slateEndpoint;
      if (!slate) return 'no slateEndpoint: built-in baselines cannot answer this domain';
      const endpoint = world.endpoints.find((e) => e.name === slate.name);
      ensure(endpoint, `probe.slateEndpoint names ${slate.name}, which is not one of the world's endpoints`);
      ensure(Number.isInteger(slate.size) && slate.size > 0, `probe.slateEndpoint.size is ${slate.size}, not a whole number > 0`);
      const request = requests.get(slate.name);
      ensure(request !== undefined, `a ${days}-day run made no ${slate.name} request to check the probe against`);
      const user = slate.userOf(request);
      ensure(
        Number.isInteger(user) && user >= 0 && user < probe.userCount,
        `probe.slateEndpoint.userOf(request) is ${user}, not a user index below ${probe.userCount}`,
      );
      const candidates = slate.candidatesOf ? slate.candidatesOf(request) : spread(probe.itemCount, slate.size);
      ensure(
        candidates.every((i) => Number.isInteger(i) && i >= 0 && i < probe.itemCount),
        'probe.slateEndpoint.candidatesOf(request) holds indices that are not items',
      );
      const answer = endpoint.validate(slate.answer(candidates.slice(0, slate.size)), request);
      ensure(answer.ok, `the ${slate.name} endpoint refuses what probe.slateEndpoint.answer makes of item indices: ${answer.ok ? '' : answer.error}`);
    },
  });

  return { name: `domain conformance: ${plugin.id}`, checks };
}

/** The index of the first event where two logs differ (topic or line; one ending first counts), or -1 when they are the same. */
function firstApart(a: readonly { topic: string; value: string }[], b: readonly { topic: string; value: string }[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i].value !== b[i].value || a[i].topic !== b[i].topic) return i;
  return a.length === b.length ? -1 : n;
}

function accepts(schema: { parse(value: unknown, path: string): unknown }, value: unknown): boolean {
  try {
    schema.parse(value, 'params');
    return true;
  } catch {
    return false;
  }
}

function attempt(fn: () => unknown, what: string): void {
  try {
    fn();
  } catch (error) {
    fail(`${what}: ${reasonOf(error)}`);
  }
}

/** Ids to call a route with: sampled from the collection its first path segment names (`/image/:id.png`), if any. */
function idsForRoute(world: DomainWorld, path: string): string[] {
  return world.catalog.get(path.split('/')[1])?.sampleIds(5) ?? [];
}

async function callRoute(route: DomainWorld['routes'][number], id: string): Promise<RouteResponse> {
  const params = Object.fromEntries([...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => [m[1], id]));
  try {
    return await route.handler(params, {});
  } catch (error) {
    return fail(`route ${route.path} threw for id ${id}: ${reasonOf(error)}`);
  }
}

function isText(response: RouteResponse): boolean {
  return /^(text\/|application\/(json|xml))/.test(response.contentType);
}

function spread(size: number, n: number): number[] {
  const m = Math.min(n, size);
  return Array.from({ length: m }, (_, i) => Math.floor((i * size) / m));
}
