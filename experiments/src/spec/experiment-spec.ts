import {
  ConfigError,
  checkDomainMetrics,
  parseScenario,
  s,
  scenarioStepSchema,
  type DomainMetric,
  type DomainPlugin,
  type Infer,
  type PluginBaseline,
} from '@prodsim/core';
import { BASELINES } from '../baselines/baseline-names.js';
import { METRIC_NAMES } from '../recorder/day-metrics.js';
import { expectationSchema, resolveExpectations, type Expectation } from './expectation-spec.js';
import { sweepSchema } from './sweep-schema.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const NAME_TEXT = 'a name of letters, digits, _ . - (at most 64)';

/** An arm: a built-in baseline, one the loaded plugins bring (by name), the domain's default, or a URL. */
function armSchema(pluginBaselines: readonly string[]) {
  const names = [...BASELINES, ...pluginBaselines];
  const theirs = pluginBaselines.length > 0 ? `, a plugin's baseline (${pluginBaselines.join(', ')})` : '';
  return s.object({
    name: s.string({ pattern: NAME, patternText: NAME_TEXT }),
    predictor: s.string({
      pattern: new RegExp(`^(${names.map(escapeRegExp).join('|')}|default|https?://[^\\s/]+(/\\S*)?)$`),
      patternText: `a built-in baseline (${BASELINES.join(', ')})${theirs}, "default" (the domain's own), or an http:// URL`,
    }),
    share: s.number({ optional: true, min: 0, max: 1 }),
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The spec's schema when these plugin baselines are loaded (their names are valid arm predictors). */
export function experimentSpecSchemaFor(pluginBaselines: readonly string[]) {
  return s.object({
    name: s.string({ pattern: NAME, patternText: NAME_TEXT }),
    description: s.string({ optional: true }),
    domain: s.string({ pattern: /^[a-z][a-z0-9-]*(\/v[1-9][0-9]*)?$/, patternText: 'a domain name such as "movies"' }),
    seed: s.string({ default: '1', minLength: 1 }),
    replications: s.number({ default: 3, integer: true, min: 1, max: 200 }),
    days: s.number({ default: 30, min: 1, max: 3650 }),
    start: s.time({ default: '2026-01-05T00:00:00Z' }),
    world: s.record({ description: "the domain's configuration (its own schema validates it)" }),
    /**
     * split: the arms share one world, its users split between them (A/B, canaries). paired: every
     * arm runs on its own copy of the same world (same seed per replication: the same users,
     * catalogue and random streams) with all users, and arms are compared by paired differences.
     */
    design: s.enum(['split', 'paired'], { default: 'split' }),
    arms: s.array(armSchema(pluginBaselines), { minItems: 1, maxItems: 20 }),
    canary: s.object(
      {
        arm: s.string({ pattern: NAME, patternText: NAME_TEXT }),
        steps: s.array(s.object({ day: s.number({ min: 0 }), share: s.number({ min: 0, max: 1 }) }), { minItems: 1 }),
      },
      { optional: true },
    ),
    scenario: s.array(scenarioStepSchema, { default: [] }),
    deadlineMs: s.number({ optional: true, integer: true, min: 1, max: 60_000 }),
    sampleUsers: s.number({
      default: 400,
      integer: true,
      min: 2,
      max: 100_000,
      description: 'users per arm that distribution metrics are computed on (the same number in every arm)',
    }),
    /** Days at the end whose mean is compared between arms. */
    finalDays: s.number({ default: 7, integer: true, min: 1 }),
    /** Hypotheses stated before the run; each is reported as held or not held. */
    expect: s.array(expectationSchema, { default: [] }),
    /** A grid over settings (spec/sweep.ts): each point is this spec with one combination of the values. */
    sweep: sweepSchema,
  });
}

/** The spec's schema with the built-in baselines only. */
export const experimentSpecSchema = experimentSpecSchemaFor([]);

export type ExperimentSpecInput = Infer<typeof experimentSpecSchema>;

export interface ExperimentSpec extends Omit<ExperimentSpecInput, 'arms' | 'canary' | 'expect'> {
  /** In the paired design every arm serves all users: shares are 1. */
  arms: { name: string; predictor: string; share: number }[];
  expect: Expectation[];
  canary?: { arm: string; steps: { day: number; share: number }[] };
  /** The domain's configuration, parsed by its schema. */
  domainConfig: unknown;
  /** The domain's own metrics (DomainPlugin.metrics), recorded per arm and day beside the built-in ones. */
  metrics: readonly DomainMetric[];
}

/**
 * Validates a spec against the experiment schema, the domain's config schema and the scenario
 * actions (core's and the domain's), with errors that name the field (`arms[1].share`,
 * `world.users`, `scenario[2].params.corrupt`). An arm may name one of `pluginBaselines` (the
 * loaded plugins' baselines) as its predictor.
 */
export function parseExperimentSpec(input: unknown, plugin: DomainPlugin, pluginBaselines: readonly PluginBaseline[] = []): ExperimentSpec {
  const raw = (pluginBaselines.length > 0 ? experimentSpecSchemaFor(pluginBaselines.map((b) => b.name)) : experimentSpecSchema).parse(input, '');
  const domainConfig = plugin.config.parse(raw.world, 'world');
  const names = raw.arms.map((a) => a.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) throw new ConfigError(`arms[${i}].name`, n, 'a name no other arm has');
  });
  const given = raw.arms.filter((a) => a.share !== undefined);
  let arms: ExperimentSpec['arms'];
  if (raw.design === 'paired') {
    if (raw.canary) throw new ConfigError('design', raw.design, 'split when the spec has a canary (a canary is a split of users by nature)');
    const i = raw.arms.findIndex((a) => a.share !== undefined);
    if (i >= 0)
      throw new ConfigError(`arms[${i}].share`, raw.arms[i].share, 'no share in the paired design (every arm serves all users of its own copy of the world)');
    arms = raw.arms.map((a) => ({ name: a.name, predictor: a.predictor, share: 1 }));
  } else if (given.length === 0) arms = raw.arms.map((a) => ({ name: a.name, predictor: a.predictor, share: 1 / raw.arms.length }));
  else if (given.length === raw.arms.length) {
    const total = given.reduce((a, b) => a + (b.share ?? 0), 0);
    if (Math.abs(total - 1) > 1e-6) throw new ConfigError('arms[*].share', total, 'shares that sum to 1 (or no shares: an equal split)');
    arms = raw.arms.map((a) => ({ name: a.name, predictor: a.predictor, share: a.share! }));
  } else {
    const i = raw.arms.findIndex((a) => a.share === undefined);
    throw new ConfigError(`arms[${i}].share`, undefined, 'a share on every arm, or on none');
  }
  if (raw.canary && !names.includes(raw.canary.arm)) throw new ConfigError('canary.arm', raw.canary.arm, `one of the arms: ${names.join(', ')}`);
  raw.scenario = parseScenario(raw.scenario, plugin, raw.days);
  const metrics = plugin.metrics ?? [];
  checkDomainMetrics(plugin.id, metrics, [...METRIC_NAMES, 'latencyP99']);
  const expect = resolveExpectations(raw.expect, names, raw.days, raw.finalDays, metrics);
  return { ...raw, arms, canary: raw.canary, expect, domainConfig, metrics };
}
