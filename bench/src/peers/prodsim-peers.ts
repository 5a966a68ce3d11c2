import { fileURLToPath } from 'node:url';
import { formatNumber, machine, mib, table } from '../report.js';
import { lastJson, runChild } from './child-runs.js';
import { computesLines } from './peers-report.js';
import { runProdsimScenario } from './prodsim-scenario.js';
import { scenarios, sizeLabel, type Scenario, type ScenarioResult } from './scenarios.js';

/**
 * prodsim's side of the peers benchmark, alone: every scenario (including 100,000 x 10,000, which
 * the peers do not run) in a fresh child process, so each peak-memory figure is that scenario's own.
 *
 *   node bench/dist/peers/prodsim-peers.js [--json] [--no-large]
 *   node bench/dist/peers/prodsim-peers.js --child '<scenario JSON>'   (one scenario, prints JSON)
 */
const SELF = fileURLToPath(import.meta.url);

export async function runProdsimInChild(scenario: Scenario): Promise<ScenarioResult> {
  const result = await runChild(process.execPath, [SELF, '--child', JSON.stringify(scenario)]);
  return lastJson<ScenarioResult>(result, `prodsim ${scenario.recommender} ${sizeLabel(scenario)}`);
}

export function prodsimTable(results: readonly ScenarioResult[]): string {
  return table(
    ['recommender', 'users x items x steps', 'interactions', 'wall s', 'interactions/s', 'peak RSS', 'events', 'digest'],
    results.map((r) => [
      r.recommender,
      sizeLabel(r, r.stepsRun),
      r.interactions,
      r.wallSeconds.toFixed(2),
      Math.round(r.interactionsPerSecond),
      mib(r.peakRssBytes),
      formatNumber(Number(r.events)),
      String(r.digest),
    ]),
  );
}

async function main(argv: string[]): Promise<void> {
  const childAt = argv.indexOf('--child');
  if (childAt >= 0) {
    const result = await runProdsimScenario(JSON.parse(argv[childAt + 1]) as Scenario);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const json = argv.includes('--json');
  const list = scenarios({ large: !argv.includes('--no-large') });
  const results: ScenarioResult[] = [];
  if (!json) console.log(`# bench/peers: prodsim alone (${machine()})\n`);
  for (const scenario of list) {
    const result = await runProdsimInChild(scenario);
    results.push(result);
    if (json) console.log(JSON.stringify(result));
    else console.error(`  ${scenario.recommender} ${sizeLabel(scenario)}: ${formatNumber(result.interactionsPerSecond)} interactions/s`);
  }
  if (!json) {
    console.log(prodsimTable(results));
    console.log(`\nwhat prodsim computes:\n${computesLines(results).join('\n')}`);
  }
}

if (process.argv[1] === SELF) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
