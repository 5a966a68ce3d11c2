import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFile, type DomainPlugin, type DomainRegistry } from '@prodsim/core';
import { parseExperimentSpec, runReplication } from '@prodsim/experiments';
import { machine, table } from '../report.js';
import { profileBreakdown, type TimeBreakdown } from './time-breakdown.js';

/**
 * Where an experiment's time goes: one replication of a spec (by default the filter bubble: one
 * world of 10,000 users split over its three arms, 90 days), run in this thread under the V8
 * profiler, its self time added up by where the code lives (core's scheduler, events and
 * transport, the domain's world, each baseline, the metrics and recorder). `--users` and `--days`
 * shrink it. Worker threads are not involved: this is one replication's CPU, as a worker spends it.
 */
export async function whereTimeGoes(
  specInput: Record<string, unknown>,
  plugin: DomainPlugin,
): Promise<{ breakdown: TimeBreakdown; wallSeconds: number; events: number }> {
  const spec = parseExperimentSpec(specInput, plugin);
  let events = 0;
  const start = process.hrtime.bigint();
  const breakdown = await profileBreakdown(async () => {
    events = (await runReplication(spec, plugin, 0, undefined, spec.design === 'paired' ? 0 : undefined)).events;
  });
  return { breakdown, wallSeconds: Number(process.hrtime.bigint() - start) / 1e9, events };
}

export function printBreakdown(b: TimeBreakdown): string {
  const pct = (share: number) => `${(100 * share).toFixed(1)}%`;
  // The coarse view (world, core, baselines, metrics): areas grouped by what comes before ':'.
  const coarse = new Map<string, { ms: number; share: number }>();
  for (const a of b.areas) {
    const key = a.area.split(':')[0];
    const c = coarse.get(key) ?? { ms: 0, share: 0 };
    c.ms += a.ms;
    c.share += a.share;
    coarse.set(key, c);
  }
  return [
    table(
      ['where (self time, grouped)', 'CPU s', 'share'],
      [...coarse].sort((x, y) => y[1].ms - x[1].ms).map(([area, c]) => [area, (c.ms / 1000).toFixed(2), pct(c.share)]),
    ),
    '',
    table(
      ['where (self time)', 'CPU s', 'share'],
      b.areas.map((a) => [a.area, (a.ms / 1000).toFixed(2), pct(a.share)]),
    ),
    '',
    table(
      ['function (self time)', 'area', 'share'],
      b.functions.map((f) => [f.name, f.area, pct(f.share)]),
    ),
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.filename === process.argv[1];
if (isMain) {
  const ROOT = join(import.meta.dirname, '..', '..', '..');
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { users: { type: 'string' }, days: { type: 'string' } } });
  const specPath = positionals[0] ?? join(ROOT, 'examples/experiments/filter-bubble.yaml');
  const registryModule = new URL(`file://${join(ROOT, 'bin/registry.js')}`).href;
  const { domains } = await ((await import(registryModule)) as { registries(): Promise<{ domains: DomainRegistry }> }).registries();
  const specInput = loadConfigFile(specPath);
  if (values.days) specInput.days = Number(values.days);
  if (values.users) specInput.world = { ...(specInput.world as Record<string, unknown>), users: Number(values.users) };
  const plugin = domains.get(String(specInput.domain));
  const world = specInput.world as { users?: number };
  console.log(`# where the time goes (${machine()}): ${specPath}, replication 0, ${world.users ?? '?'} users, ${String(specInput.days)} days`);
  const { breakdown, wallSeconds, events } = await whereTimeGoes(specInput, plugin);
  console.log(
    `wall ${wallSeconds.toFixed(1)} s under the profiler, ${(breakdown.totalMs / 1000).toFixed(1)} s sampled, ${events.toLocaleString('en-US')} events\n`,
  );
  console.log(printBreakdown(breakdown));
}
