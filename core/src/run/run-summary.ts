import type { StopReason } from '../scheduler/scheduler.js';

export interface RunSummary {
  domain: string;
  seed: string;
  reason: StopReason;
  error?: string;
  simulatedStart: string;
  simulatedEnd: string;
  simulatedDays: number;
  wallSeconds: number;
  schedulerEvents: number;
  events: number;
  eventsPerSecond: number;
  eventsByKind: Record<string, number>;
  predictions: Record<string, number>;
  predictionLatencyMs: { p50: number; p99: number } | null;
  lag: { maxMs: number; meanMs: number; lateEvents: number } | null;
  transport: { name: string } & Record<string, number | string>;
  world: Record<string, number | string>;
  outFile?: string;
}

/** The summary as an aligned two-column table, for terminals and logs. */
export function formatSummary(summary: RunSummary): string {
  const rows: [string, string][] = [
    ['domain', summary.domain],
    ['seed', summary.seed],
    ['stopped because', summary.reason + (summary.error ? `: ${summary.error}` : '')],
    ['simulated span', `${summary.simulatedStart} .. ${summary.simulatedEnd} (${summary.simulatedDays.toFixed(2)} days)`],
    ['wall time', `${summary.wallSeconds.toFixed(2)} s`],
    ['events', fmt(summary.events)],
    ['events/s (wall)', fmt(Math.round(summary.eventsPerSecond))],
  ];
  for (const [kind, n] of Object.entries(summary.eventsByKind)) rows.push([`  ${kind}`, fmt(n)]);
  const predictionTotal = Object.values(summary.predictions).reduce((a, b) => a + b, 0);
  if (predictionTotal > 0) {
    rows.push(['predictions', fmt(predictionTotal)]);
    for (const [kind, n] of Object.entries(summary.predictions)) rows.push([`  ${kind}`, fmt(n)]);
    if (summary.predictionLatencyMs)
      rows.push(['  latency p50 / p99', `${summary.predictionLatencyMs.p50.toFixed(1)} / ${summary.predictionLatencyMs.p99.toFixed(1)} ms`]);
  }
  if (summary.lag)
    rows.push([
      'lag behind wall clock',
      `max ${summary.lag.maxMs.toFixed(1)} ms, mean ${summary.lag.meanMs.toFixed(2)} ms, ${fmt(summary.lag.lateEvents)} late events`,
    ]);
  rows.push([
    'transport',
    Object.entries(summary.transport)
      .map(([k, v]) => (k === 'name' ? String(v) : `${k}=${typeof v === 'number' ? fmt(v) : v}`))
      .join(' '),
  ]);
  for (const [k, v] of Object.entries(summary.world)) rows.push([`world: ${k}`, typeof v === 'number' ? fmt(v) : v]);
  if (summary.outFile) rows.push(['event file', summary.outFile]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
