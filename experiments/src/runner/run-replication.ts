import {
  DAY_MS,
  ErrorCodes,
  HttpPredictor,
  MemoryTransport,
  ProdsimError,
  Simulation,
  s,
  runConfigFields,
  scheduleScenario,
  type DomainPlugin,
  type EndpointFigures,
  type HeadroomFigures,
  type PluginBaseline,
  type Predictor,
} from '@prodsim/core';
import { ArmSplit } from '../arms/arm-split.js';
import { BASELINES, type BaselineName } from '../baselines/baseline-names.js';
import { ConsumedItems } from '../baselines/consumed-items.js';
import { baselinePredictor, makeRecommender } from '../baselines/make-baseline.js';
import { predictsRatings, type RatingPredictor } from '../baselines/rating-predictor.js';
import { warmStart } from '../baselines/warm-start.js';
import type { DayMetrics } from '../recorder/day-metrics.js';
import { ExperimentRecorder } from '../recorder/experiment-recorder.js';
import { PropensityLog } from '../raw/propensity-log.js';
import { RawRecorder } from '../raw/raw-recorder.js';
import type { ExperimentSpec } from '../spec/experiment-spec.js';
import { listenForRatings } from './listen-for-ratings.js';
import { ObserverRelay } from './observer-relay.js';

export interface ReplicationResult {
  replication: number;
  seed: string;
  /** Paired design: the one arm this world ran (a unit of work); absent for a split world. */
  arm?: string;
  rows: DayMetrics[];
  events: number;
  eventsByKind: Record<string, number>;
  streamFaults: Record<string, number>;
  /**
   * Paired design only: per arm, per endpoint the domain values, the world's headroom (the arm's
   * answers beside the oracle's, the default's and random ones on the same requests; staff only,
   * computed with the hidden truth). A split world's figures mix every arm's requests, so it has none.
   */
  headroom?: Record<string, Record<string, HeadroomFigures>>;
  wallSeconds: number;
}

/** The seed of replication `i`: derived from the spec's seed, so replications differ and reproduce. */
export function replicationSeed(spec: ExperimentSpec, i: number): string {
  return `${spec.seed}/rep${i}`;
}

/**
 * Runs one replication of an experiment: one world, the scenario applied at its times, metrics
 * recorded per simulated day and arm. In the split design its users are split over the arms; in
 * the paired design (`armIndex` given) every user is on that one arm, and the world is the same seed's
 * for every arm of the replication: the same users, catalogue and random streams.
 */
export async function runReplication(
  spec: ExperimentSpec,
  plugin: DomainPlugin,
  replication: number,
  onDay?: (day: number) => void,
  armIndex?: number,
  /** Write this unit's raw data (slates, interactions, consumption) to Parquet files in `dir`. */
  raw?: { dir: string; unit: string },
  /** The loaded plugins' baselines, which arms may name (the spec was parsed with the same). */
  pluginBaselines: readonly PluginBaseline[] = [],
): Promise<ReplicationResult> {
  if ((spec.design === 'paired') !== (armIndex !== undefined)) {
    throw new Error(spec.design === 'paired' ? 'a paired experiment runs one arm per world: pass the arm index' : 'an arm index is only for the paired design');
  }
  const arms = armIndex === undefined ? spec.arms : [{ ...spec.arms[armIndex], share: 1 }];
  const seed = replicationSeed(spec, replication);
  const config = s
    .object(runConfigFields)
    .parse(
      { domain: spec.domain, seed, days: spec.days, start: new Date(spec.start).toISOString(), progress: false, predictor: { deadlineMs: spec.deadlineMs } },
      '',
    );
  const relay = new ObserverRelay();
  // Headroom only where the world is the arm's own (paired): in a split world the arms share it.
  const sim = new Simulation({
    config,
    domainConfig: spec.domainConfig,
    plugin,
    transport: new MemoryTransport(),
    observer: relay,
    streamFaults: true,
    headroom: armIndex !== undefined,
  });
  const world = await sim.init();
  const probe = world.probe;
  if (!probe)
    throw new ProdsimError(
      ErrorCodes.DOMAIN_NO_PROBE,
      `domain ${plugin.id} has no research probe (DomainWorld.probe), which experiments need to measure their arms; run an experiment on a domain that has one`,
    );

  const split = new ArmSplit(arms, seed, spec.canary);
  // Arms whose baseline predicts ratings: the recorder measures their error, the stream teaches them.
  const ratingPredictors: (RatingPredictor | undefined)[] = arms.map(() => undefined);
  const recorder = new ExperimentRecorder(split, probe, replication, seed, {
    startTime: spec.start,
    sampleUsers: spec.sampleUsers,
    metrics: spec.metrics,
    ratingPredictors,
  });
  relay.targets.push(recorder);
  // With raw data, stochastic baselines log the probability of what they drew (propensities).
  const propensities: (PropensityLog | undefined)[] = arms.map(() => undefined);
  // The built-in baselines see the same interactions: one record of who consumed what serves all.
  const consumed = new ConsumedItems();
  const predictors: Predictor[] = arms.map((arm, a) => {
    if ((BASELINES as readonly string[]).includes(arm.predictor)) {
      const recommender = makeRecommender(arm.predictor as BaselineName, `${seed}/${arm.name}`, probe, consumed);
      warmStart(recommender, probe);
      relay.targets.push(recommender);
      if (predictsRatings(recommender)) ratingPredictors[a] = recommender;
      if (raw && PropensityLog.logs(recommender)) {
        const logged = (propensities[a] = new PropensityLog(recommender));
        return baselinePredictor(logged, probe, world.defaultPredictor());
      }
      return baselinePredictor(recommender, probe, world.defaultPredictor());
    }
    if (arm.predictor === 'default') return world.defaultPredictor();
    // A plugin's baseline learns from the interactions it sees as built-in ones do, and answers the arm.
    const theirs = pluginBaselines.find((b) => b.name === arm.predictor);
    if (theirs) {
      const baseline = theirs.create(`${seed}/${arm.name}`);
      relay.targets.push(baseline.observer);
      // One that predicts ratings (RatingPredictor) learns from the stream's and is measured as mf-ratings is.
      if (predictsRatings(baseline.observer)) ratingPredictors[a] = baseline.observer;
      return baseline.predictor(world);
    }
    return new HttpPredictor(arm.predictor);
  });
  const rawRecorder = raw
    ? new RawRecorder(
        split,
        replication,
        spec.start,
        arms.map((a) => a.name),
        propensities,
        probe,
        raw.dir,
        raw.unit,
      )
    : undefined;
  if (rawRecorder) relay.targets.push(rawRecorder);
  listenForRatings(sim, probe, ratingPredictors);
  sim.predictions.use((unit) => predictors[split.armOf(unit, Math.floor((sim.scheduler.now - spec.start) / DAY_MS))]);

  // Experiments run no entity API: api-faults steps have nothing to slow down here.
  scheduleScenario(sim, spec.scenario);
  sim.scheduler.onDayStart((_t, day) => {
    if (day > 0 && day - 1 >= recorder.nextDay && day - 1 < spec.days) {
      recorder.closeDay(day - 1);
      onDay?.(day);
    }
  });
  const summary = await sim.run();
  if (summary.reason === 'error') {
    rawRecorder?.discard();
    throw new Error(`replication ${replication} failed: ${summary.error}`);
  }
  for (let day = recorder.nextDay; day < Math.ceil(spec.days); day++) recorder.closeDay(day);
  for (const p of predictors) await p.close();
  rawRecorder?.close();
  return {
    replication,
    seed,
    ...(armIndex === undefined ? {} : { arm: spec.arms[armIndex].name }),
    rows: recorder.rows,
    events: summary.events,
    eventsByKind: summary.eventsByKind,
    streamFaults: { ...sim.faults!.counts },
    ...(armIndex === undefined ? {} : { headroom: { [spec.arms[armIndex].name]: headroomOf(summary.endpoints ?? {}) } }),
    wallSeconds: summary.wallSeconds,
  };
}

/** The endpoints' headroom figures, for those the domain values. */
function headroomOf(endpoints: Record<string, EndpointFigures>): Record<string, HeadroomFigures> {
  const out: Record<string, HeadroomFigures> = {};
  for (const [name, e] of Object.entries(endpoints)) if (e.headroom) out[name] = e.headroom;
  return out;
}
