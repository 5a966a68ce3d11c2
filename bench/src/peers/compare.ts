import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNumber, machine } from '../report.js';
import { lastJson, runChild } from './child-runs.js';
import { baselineLine, comparisonTable, computesLines, targetChecks, targetLines, truncationLines, type PeerProblem } from './peers-report.js';
import { runProdsimInChild } from './prodsim-peers.js';
import { scenarios, sizeLabel, type Scenario, type ScenarioResult } from './scenarios.js';

/**
 * The side-by-side benchmark: the same scenarios in T-RECS, RecLab (Python, from the private venv
 * that bench/peers/install.sh makes) and prodsim, each scenario in its own process, then one table.
 *
 *   node bench/dist/peers/compare.js --python <venv python> [--budget 40] [--full] [--steps N]
 *                                    [--no-large] [--peers trecs,reclab] [--out results.json]
 */
const PEERS_DIR = fileURLToPath(new URL('../../peers/', import.meta.url));

const PEERS = [
  { id: 'trecs', simulator: 'T-RECS', runner: 'trecs_runner.py' },
  { id: 'reclab', simulator: 'RecLab', runner: 'reclab_runner.py' },
] as const;

interface Options {
  python: string | undefined;
  budget: number;
  full: boolean;
  steps: number | undefined;
  large: boolean;
  peers: string[];
  out: string | undefined;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number | undefined) => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} wants a positive number, got ${JSON.stringify(v)}`);
    return n;
  };
  return {
    python: value('--python'),
    budget: number('--budget', 40)!,
    full: argv.includes('--full'),
    steps: number('--steps', undefined),
    large: !argv.includes('--no-large'),
    peers: (value('--peers') ?? 'trecs,reclab').split(',').filter(Boolean),
    out: value('--out'),
  };
}

/** What install.sh recorded: which peers installed, and pip's gist for those that did not. */
function peerStatus(python: string): Record<string, { installed: boolean; version?: string; error?: string }> {
  const file = join(dirname(dirname(python)), 'peers-status.json');
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function runPeer(python: string, runner: string, scenario: Scenario, options: Options): Promise<ScenarioResult> {
  const args = [
    join(PEERS_DIR, runner),
    '--recommender',
    scenario.recommender,
    '--users',
    String(scenario.users),
    '--items',
    String(scenario.items),
    '--steps',
    String(scenario.steps),
    '--dims',
    String(scenario.dims),
    '--slate',
    String(scenario.slate),
    '--drift',
    String(scenario.drift),
    '--seed',
    String(scenario.seed),
    '--budget',
    options.full ? '0' : String(options.budget),
  ];
  const result = await runChild(python, args, { cwd: PEERS_DIR });
  return lastJson<ScenarioResult>(result, `${runner} ${scenario.recommender} ${sizeLabel(scenario)}`);
}

async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv);
  const started = Date.now();
  const list = scenarios({ large: options.large }).map((s) => (options.steps ? { ...s, steps: options.steps } : s));
  const problems: PeerProblem[] = [];
  const peers: { simulator: string; runner: string }[] = [];
  if (!options.python) {
    problems.push({ simulator: 'T-RECS, RecLab', problem: 'no --python given (bash bench/peers/run.sh installs the peers and passes it)' });
  } else {
    const status = peerStatus(options.python);
    for (const peer of PEERS) {
      if (!options.peers.includes(peer.id)) continue;
      const s = status[peer.id];
      if (s && !s.installed) problems.push({ simulator: peer.simulator, problem: `did not install from PyPI: ${s.error}` });
      else peers.push(peer);
    }
  }

  console.log(`# bench/peers: prodsim beside T-RECS and RecLab (${machine()})`);
  console.log(
    `cpu: ${cpus()[0]?.model ?? 'unknown'} x ${cpus().length}; load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `peers: ${options.full ? 'every step' : `each scenario stops after the step that passes ${options.budget} s (--full: every step)`}; ` +
      `interactions = users choosing one item; wall time from world construction to the last step (imports excluded)\n`,
  );

  const results: ScenarioResult[] = [];
  for (const scenario of list) {
    for (const peer of peers) {
      if (!scenario.peers) continue;
      try {
        const r = await runPeer(options.python!, peer.runner, scenario, options);
        results.push(r);
        console.error(
          `  ${r.simulator} ${scenario.recommender} ${sizeLabel(scenario, r.stepsRun)}: ${formatNumber(Math.round(r.interactionsPerSecond))} interactions/s`,
        );
      } catch (error) {
        problems.push({ simulator: peer.simulator, problem: `${scenario.recommender} ${sizeLabel(scenario)} failed: ${(error as Error).message}` });
        console.error(`  ${peer.simulator} ${scenario.recommender} ${sizeLabel(scenario)}: FAILED`);
      }
    }
    const r = await runProdsimInChild(scenario);
    results.push(r);
    console.error(`  prodsim ${scenario.recommender} ${sizeLabel(scenario)}: ${formatNumber(Math.round(r.interactionsPerSecond))} interactions/s`);
  }

  console.log(comparisonTable(results));
  const truncated = truncationLines(results, options.budget);
  if (truncated.length > 0) console.log(`\n${truncated.join('\n')}`);
  console.log('\nratios are prodsim (same scenario) / the peer: speed above 1 = prodsim faster, memory below 1 = prodsim smaller.');
  for (const p of problems) console.log(`${p.simulator}: ${p.problem}`);
  const checks = targetChecks(results);
  if (checks.length > 0)
    console.log(`\ntargets (prodsim with the popularity recommender against each peer's best, at no more than its memory):\n${targetLines(checks).join('\n')}`);
  console.log(`\nwhat each side computes:\n${computesLines(results).join('\n')}`);
  const baselines = baselineLine(results);
  if (baselines) console.log(`\nmemory after imports, before any world (part of every peak above): ${baselines}`);
  const peerBlas = results.find((r) => r.simulator !== 'prodsim' && typeof r.blas === 'string');
  if (peerBlas) console.log(`\npeers ran on Python ${String(peerBlas.python)}, BLAS: ${String(peerBlas.blas)}; prodsim on node ${process.version}`);
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (options.out) writeFileSync(options.out, `${JSON.stringify({ date: new Date().toISOString(), results, problems }, null, 2)}\n`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
