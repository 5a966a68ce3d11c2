import { CORE_VERSION, MemoryTransport, Simulation, runConfigFields, s } from '@prodsim/core';
import { slateDomain } from '@prodsim/domain-slate';
import { DigestOutput } from './digest-output.js';
import type { Scenario, ScenarioResult } from './scenarios.js';

const STEP_MINUTES = 60;

export const PRODSIM_COMPUTES =
  'prodsim {version} slate/v1 through the real core: a Simulation with the scheduler (one visit event per user per ' +
  'step at a random second of the first half-hour, one decision event at visit + the 50 ms deadline), the ' +
  "PredictionGateway asking the in-process {recommender} predictor's `slate` endpoint for {slate} items per visit " +
  '({how}; the answer validated for unknown ids, duplicates and size; outcome counters and latency histogram), ' +
  'the user takes one by a softmax over the true scores of the slate ({dims}-dim inner products, normalised user; ' +
  'temperature 0.5), the preference slerps {drift} of the way toward it, domain counters and the rank histogram ' +
  'are updated, and one `t,user,item,rank` event goes through the EventSink to the memory transport and to a ' +
  'consumer that counts and hashes every byte. True scores are computed for the slate items only.';

const HOW = {
  popularity: 'the most chosen items so far, retrained at each step from the observed choices, random tie-break',
  random: 'distinct uniform random items',
  personalised:
    'mf: BPR matrix factorisation (16 factors) learned online from the observed choices, retrained between steps, ' +
    'ranking a pool of the 100 most chosen and 100 random items per request',
} as const;

/** Runs one scenario in this process and reports it like the peer runners do. */
export async function runProdsimScenario(scenario: Scenario): Promise<ScenarioResult> {
  const days = Math.ceil(((scenario.steps + 1) * STEP_MINUTES) / 1440);
  const config = s.object(runConfigFields).parse({ domain: 'slate', seed: String(scenario.seed), days, progress: false }, '');
  const domainConfig = slateDomain.config.parse(
    {
      users: scenario.users,
      items: scenario.items,
      dims: scenario.dims,
      slate: scenario.slate,
      drift: scenario.drift,
      steps: scenario.steps,
      stepMinutes: STEP_MINUTES,
      recommender: scenario.recommender === 'personalised' ? 'mf' : scenario.recommender,
    },
    'slate',
  );
  const digest = new DigestOutput();
  const baselineRssBytes = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  const sim = new Simulation({ config, domainConfig, plugin: slateDomain, transport: new MemoryTransport(), outputs: [digest] });
  await sim.init();
  const setupSeconds = (performance.now() - started) / 1000;
  const summary = await sim.run();
  const wallSeconds = (performance.now() - started) / 1000;
  if (summary.reason === 'error') throw new Error(`prodsim run failed: ${summary.error}`);
  const world = summary.world;
  const interactions = Number(world.choices);
  return {
    simulator: 'prodsim',
    version: CORE_VERSION,
    recommender: scenario.recommender,
    users: scenario.users,
    items: scenario.items,
    steps: scenario.steps,
    stepsRun: Number(world.steps),
    truncated: Number(world.steps) < scenario.steps,
    interactions,
    setupSeconds,
    wallSeconds,
    interactionsPerSecond: interactions / wallSeconds,
    // maxRSS is in KiB.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    baselineRssBytes,
    computes: PRODSIM_COMPUTES.replace('{version}', CORE_VERSION)
      .replace('{recommender}', scenario.recommender === 'personalised' ? 'mf' : scenario.recommender)
      .replace('{how}', HOW[scenario.recommender])
      .replace('{slate}', String(scenario.slate))
      .replace('{dims}', String(scenario.dims))
      .replace('{drift}', String(scenario.drift)),
    events: digest.events,
    eventBytes: digest.bytes,
    digest: digest.digest,
    predictions: summary.predictions,
    schedulerEvents: summary.schedulerEvents,
    top10Share: world.top10Share,
    node: process.version,
  };
}
