import { s, type Infer, type Schema } from '../config/schema.js';
import type { DomainPlugin } from '../domain/domain-plugin.js';
import { ConfigError } from '../errors.js';

/** "At day D, do X": one step of a scenario timeline (a run's or an experiment's). */
export const scenarioStepSchema = s.object({
  day: s.number({ min: 0, description: 'simulated day (fractions allowed) at which the step happens' }),
  action: s.string({ pattern: /^[a-z][a-z0-9-]*$/, patternText: 'an action name such as stream-faults or taste-shock' }),
  label: s.string({ optional: true }),
  params: s.record(),
});

export type ScenarioStep = Infer<typeof scenarioStepSchema>;
/** A step as written (a label and parameters may be left out). */
export type ScenarioStepInput = Pick<ScenarioStep, 'day' | 'action'> & { label?: string; params?: Record<string, unknown> };

const rate = (description: string) => s.number({ default: 0, min: 0, max: 1, description });

/** Actions every domain gets, applied by the core: faults in the stream and in the entity API. */
export const CORE_SCENARIO_ACTIONS: Readonly<Record<string, { description: string; params: Schema<any> }>> = {
  'stream-faults': {
    description: 'set the rates of data-quality faults in the stream from this step on',
    params: s.object({
      corrupt: rate('share of events replaced by a damaged copy'),
      duplicate: rate('share of events published twice'),
      late: rate('share of events held back and published later'),
      reorder: rate('share of events swapped with the next one'),
      lateBy: s.number({ default: 50, integer: true, min: 1, max: 1_000_000, description: 'how many events later a late event arrives' }),
    }),
  },
  'api-faults': {
    description: 'slow down the entity API, or take it down, from this step on (when the API runs)',
    params: s.object({
      delayMs: s.number({ default: 0, integer: true, min: 0, max: 60_000, description: 'added to every entity request' }),
      outage: s.boolean({ default: false, description: 'every entity request answers 503' }),
    }),
  },
};

/**
 * Validates a timeline: every action is the core's or the domain's, its parameters parse, and
 * it falls within the run. Errors name the field (`scenario[2].params.corrupt`).
 */
export function parseScenario(steps: readonly ScenarioStepInput[], plugin: DomainPlugin, days: number, path = 'scenario'): ScenarioStep[] {
  return steps.map((step, i) => {
    if (step.day > days) throw new ConfigError(`${path}[${i}].day`, step.day, `a day within the run (0..${days})`);
    const action = CORE_SCENARIO_ACTIONS[step.action] ?? plugin.scenarioActions?.[step.action];
    if (!action) {
      const known = [...Object.keys(CORE_SCENARIO_ACTIONS), ...Object.keys(plugin.scenarioActions ?? {})];
      throw new ConfigError(`${path}[${i}].action`, step.action, `one of ${known.join(', ')}`);
    }
    return {
      day: step.day,
      action: step.action,
      label: step.label,
      params: action.params.parse(step.params ?? {}, `${path}[${i}].params`) as Record<string, unknown>,
    };
  });
}
