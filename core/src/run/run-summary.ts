import type { EndpointFigures } from '../prediction/endpoint-figures.js';
import type { ErrorCode } from '../errors.js';
import type { StopReason } from '../scheduler/scheduler.js';
import { describeFailure, type RunFailure } from './run-failure.js';

export type { RunFailure } from './run-failure.js';

/** What became of a run's events at one output. */
export interface OutputKept {
  output: string;
  delivered: number;
  held: number;
  dropped: number;
}

export interface RunSummary {
  domain: string;
  seed: string;
  reason: StopReason;
  error?: string;
  /** The stable code of `error` (e.g. `PRODSIM_ERR_TRANSPORT_DELIVERY`), for scripts and grep. */
  errorCode?: ErrorCode;
  /** Every failure, in the order they happened (the first is `error`). */
  failures?: RunFailure[];
  /**
   * A run that failed or was stopped: what became of its events, by output (delivered: the broker
   * acknowledged them or the file has them; held: kept for later, in a checkpoint; dropped: lost).
   */
  kept?: OutputKept[];
  simulatedStart: string;
  simulatedEnd: string;
  simulatedDays: number;
  wallSeconds: number;
  schedulerEvents: number;
  events: number;
  eventsPerSecond: number;
  eventsByKind: Record<string, number>;
  /** Decided requests by the world's outcome kind, all endpoints (`ok` includes answers of only unknown ids; see `endpoints`). */
  predictions: Record<string, number>;
  /**
   * Per prediction endpoint: outcomes (with answers of only unknown ids apart from `ok`, and the
   * first error of each failure kind), latency p50/p95/p99, deadline misses, the cost the service
   * reported in `Server-Timing` (its `cpu` metric summed), and where the domain
   * values answers, the headroom (the service beside the oracle, the default and random on the
   * same requests). Staff only: the headroom is computed with the hidden truth.
   */
  endpoints?: Record<string, EndpointFigures>;
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
    ['stopped because', summary.reason + (summary.error ? `: ${summary.error}` : '') + (summary.errorCode ? ` [${summary.errorCode}]` : '')],
    ...(summary.failures ?? []).map((f): [string, string] => [`failed: ${f.part}`, describeFailure(f)]),
    ...(summary.kept ?? []).map((k): [string, string] => [
      `kept: ${k.output}`,
      `${fmt(k.delivered)} delivered, ${fmt(k.held)} held, ${fmt(k.dropped)} dropped`,
    ]),
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
  for (const [name, e] of Object.entries(summary.endpoints ?? {})) rows.push(...endpointRows(name, e));
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

/** One endpoint's latency line and, where measured, its headroom: the service beside the alternatives. */
function endpointRows(name: string, e: EndpointFigures): [string, string][] {
  const rows: [string, string][] = [];
  if (e.latencyMs) {
    const { p50, p95, p99 } = e.latencyMs;
    rows.push([
      `endpoint ${name}`,
      `${fmt(e.requests)} requests, latency p50/p95/p99 ${ms(p50)} / ${ms(p95)} / ${ms(p99)} ms, ${fmt(e.deadlineMisses)} over the ${e.deadlineMs} ms deadline (${pct(e.deadlineMisses, e.requests)})`,
    ]);
  }
  const kinds = Object.entries(e.outcomes);
  if (kinds.length > 0) rows.push([`  outcomes`, kinds.map(([kind, n]) => `${OUTCOME_LABELS[kind] ?? kind} ${fmt(n)}`).join(', ')]);
  // Each failure kind with the first cause seen, so a team knows what to fix.
  for (const [kind, error] of Object.entries(e.firstErrors ?? {})) rows.push([`    ${kind}, e.g.`, error]);
  const c = e.reportedCost;
  if (c) {
    const mean = c.cpuMsMean === null ? '' : `, mean ${ms(c.cpuMsMean)} ms`;
    const bad = c.invalid > 0 ? `; ${fmt(c.invalid)} unreadable headers ignored (first: ${c.firstInvalid})` : '';
    rows.push([`  reported cost`, `Server-Timing cpu on ${fmt(c.cpuAnswers)} of ${fmt(e.requests)} answers: ${ms(c.cpuMsTotal)} ms in all${mean}${bad}`]);
  }
  const h = e.headroom;
  if (h) {
    const share = h.shareOfOracle === null ? 'n/a' : `${(100 * h.shareOfOracle).toFixed(1)}%`;
    const sampled = h.sample < 1 ? ` (a ${(100 * h.sample).toFixed(0)}% sample)` : '';
    rows.push([`  headroom (staff)`, `${h.measure}, mean per request over ${fmt(h.requests)} requests${sampled}:`]);
    rows.push([
      `    service`,
      `${value(h.service)}   (oracle ${value(h.oracle)}, default ${h.default === null ? 'n/a' : value(h.default)}, random ${value(h.random)})`,
    ]);
    rows.push([`    regret, share of oracle`, `${value(h.regret)} per request, ${share}`]);
  }
  return rows;
}

/** How the summary names outcome kinds whose key alone says little. */
const OUTCOME_LABELS: Record<string, string> = { 'unknown-ids': 'only unknown ids' };

function ms(n: number): string {
  return n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0);
}

function value(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

function pct(a: number, b: number): string {
  return b > 0 ? `${((100 * a) / b).toFixed(2)}%` : 'n/a';
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
