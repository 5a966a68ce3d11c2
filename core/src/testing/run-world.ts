import type { DomainPlugin, DomainWorld } from '../domain/domain-plugin.js';
import type { Predictor } from '../prediction/predictor.js';
import { runConfigFields } from '../run/run-config.js';
import type { RunSummary } from '../run/run-summary.js';
import { Simulation } from '../run/simulation.js';
import { s } from '../config/schema.js';
import { parseScenario, type ScenarioStepInput } from '../scenario/scenario-step.js';
import { scheduleScenario } from '../scenario/schedule-scenario.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import { CaptureOutput } from './capture-output.js';

export interface RunWorldOptions<W extends DomainWorld = DomainWorld> {
  seed?: string;
  days?: number;
  start?: string;
  maxEvents?: number;
  /** The domain's section of the configuration, before its schema fills the defaults. */
  domainConfig?: Record<string, unknown>;
  /**
   * The predictor, or a function that makes one from the built world (a recommender over its
   * catalogue, a reference policy reading the hidden truth in a test). Default: the domain's own.
   */
  predictor?: Predictor | ((world: W) => Predictor);
  /** A scenario timeline, validated as a run's (`scenario:` in a configuration file). */
  scenario?: ScenarioStepInput[];
  /** Run the world as this team of a course (the domain's `forTeam` config, the team's seed). */
  team?: { name: string; index: number };
  /** Keep every event in `capture` (default true); false only counts them. */
  capture?: boolean;
  /** Run it as experiments do: observed for research, so that its probe may be read (DomainContext.research). */
  research?: boolean;
}

export interface WorldRun<W extends DomainWorld = DomainWorld> {
  sim: Simulation;
  world: W;
  capture: CaptureOutput;
  summary: RunSummary;
}

/** Runs a domain in fast mode on the memory transport with a capturing output: the building block of domain tests. */
export async function runWorld<W extends DomainWorld = DomainWorld>(plugin: DomainPlugin, options: RunWorldOptions<W> = {}): Promise<WorldRun<W>> {
  const section = plugin.id.split('/')[0];
  const days = options.days ?? 1;
  const config = s.object(runConfigFields).parse(
    {
      domain: section,
      seed: options.seed ?? '1',
      days,
      start: options.start,
      maxEvents: options.maxEvents,
      progress: false,
      scenario: options.scenario ?? [],
    },
    '',
  );
  const scenario = parseScenario(config.scenario, plugin, days);
  const parsed = plugin.config.parse(options.domainConfig ?? {}, section);
  const domainConfig = options.team && plugin.forTeam ? plugin.forTeam(parsed, options.team) : parsed;
  const capture = new CaptureOutput();
  const made = typeof options.predictor === 'function' ? undefined : options.predictor;
  const sim = new Simulation({
    config: options.team ? { ...config, seed: `${config.seed}/${options.team.name}` } : config,
    domainConfig,
    plugin,
    team: options.team?.name,
    transport: new MemoryTransport(),
    outputs: options.capture === false ? [] : [capture],
    predictor: made,
    streamFaults: scenario.some((step) => step.action === 'stream-faults'),
    research: options.research,
  });
  const world = (await sim.init()) as W;
  const late = typeof options.predictor === 'function' ? options.predictor(world) : undefined;
  if (late) sim.predictions.use(late);
  scheduleScenario(sim, scenario);
  try {
    const summary = await sim.run();
    return { sim, world, capture, summary };
  } finally {
    await late?.close();
  }
}
