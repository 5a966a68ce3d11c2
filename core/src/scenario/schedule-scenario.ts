import type { ApiFaults } from '../api/api-faults.js';
import { ErrorCodes, ProdsimError } from '../errors.js';
import type { Simulation } from '../run/simulation.js';
import { DAY_MS, Priority } from '../scheduler/scheduler.js';
import type { ScenarioStep } from './scenario-step.js';

/**
 * Schedules a validated timeline on a simulation, before it runs. The one timing of every
 * scenario step (core's and the domain's): a step at day d applies at start + d days, before
 * anything else at that moment, so a step on a day boundary comes before the domain plans that
 * day (its onDayStart hooks) and shapes all of it. (Steps share the day-start priority; the
 * scheduler orders equal times and priorities by insertion, and a day's planning event is only
 * queued once the run is under way.) Stream faults need a simulation made with
 * `streamFaults: true`; API faults apply when the entity API runs (otherwise there is nothing to
 * slow down): `api` may be a function, for an API started after the timeline is scheduled.
 *
 * Each step is an event of one registered handler, its argument the step's index, so a run with
 * a timeline can be checkpointed; a resumed simulation registers the handler and queues nothing
 * (its queue, restored, holds the steps still to come).
 */
export function scheduleScenario(
  sim: Simulation,
  steps: readonly ScenarioStep[],
  api?: ApiFaults | (() => ApiFaults | undefined),
  onApplied?: (step: ScenarioStep) => void,
): void {
  const start = sim.clock.startTime;
  const apiFaults = typeof api === 'function' ? api : () => api;
  const STEP = sim.scheduler.register('scenario-step', (_time, index) => {
    applyStep(sim, steps[index], apiFaults());
    onApplied?.(steps[index]);
  });
  if (sim.resuming) return;
  steps.forEach((step, index) => sim.scheduler.at(start + step.day * DAY_MS, STEP, index, Priority.DAY_START));
}

/**
 * The entity-API faults in effect at simulated time `now` by the timeline (the last api-faults
 * step at or before it), for an API started by a resumed run; undefined when none applies.
 */
export function apiFaultsAt(sim: Simulation, steps: readonly ScenarioStep[], now: number): { delayMs: number; outage: boolean } | undefined {
  let current: { delayMs: number; outage: boolean } | undefined;
  // In the order the scheduler applies them: by day, then as listed (a stable sort).
  for (const step of [...steps].sort((a, b) => a.day - b.day)) {
    if (step.action !== 'api-faults' || sim.clock.startTime + step.day * DAY_MS > now) continue;
    const p = step.params as { delayMs: number; outage: boolean };
    current = { delayMs: p.delayMs, outage: p.outage };
  }
  return current;
}

function applyStep(sim: Simulation, step: ScenarioStep, api: ApiFaults | undefined): void {
  const p = step.params as Record<string, never>;
  if (step.action === 'stream-faults') {
    if (!sim.faults) throw new Error('stream-faults needs a simulation created with streamFaults: true');
    sim.faults.rates = { corrupt: p.corrupt, duplicate: p.duplicate, late: p.late, reorder: p.reorder };
    sim.faults.lateBy = p.lateBy;
    return;
  }
  if (step.action === 'api-faults') {
    if (api) {
      api.delayMs = p.delayMs;
      api.outage = p.outage;
    }
    return;
  }
  const world = sim.domainWorld;
  if (!world.applyScenario) {
    throw new ProdsimError(
      ErrorCodes.DOMAIN_INVALID,
      `the domain declares scenario action ${step.action}, but its world has no applyScenario(action, params) to apply it`,
    );
  }
  world.applyScenario(step.action, step.params);
}
