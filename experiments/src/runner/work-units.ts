import type { ExperimentSpec } from '../spec/experiment-spec.js';
import type { ReplicationResult } from './run-replication.js';

/**
 * One independent simulation: a replication's world (split design), or one arm of it (paired
 * design: replications x arms). Units run in parallel worker threads and each is kept on disk
 * when done, so an interrupted experiment resumes with the units still missing.
 */
export interface WorkUnit {
  replication: number;
  /** The arm index, in the paired design only. */
  arm?: number;
}

/** Every unit of a spec, replication by replication (so that whole replications finish early). */
export function workUnits(spec: ExperimentSpec): WorkUnit[] {
  const units: WorkUnit[] = [];
  for (let replication = 0; replication < spec.replications; replication++) {
    if (spec.design === 'paired') spec.arms.forEach((_, arm) => units.push({ replication, arm }));
    else units.push({ replication });
  }
  return units;
}

/** A unit's name for files and messages: "3" or "3-random". */
export function unitName(spec: ExperimentSpec, unit: WorkUnit): string {
  return unit.arm === undefined ? String(unit.replication) : `${unit.replication}-${spec.arms[unit.arm].name}`;
}

/**
 * One result per replication: in the paired design, the arms' units of a replication merged
 * into one (rows ordered by day, then arm as in the spec; events and faults summed over the arms'
 * worlds; each arm's headroom from its own world), so that summaries, reports and metrics.jsonl
 * read both designs alike.
 */
export function mergeUnits(spec: ExperimentSpec, results: readonly ReplicationResult[]): ReplicationResult[] {
  const byReplication = new Map<number, ReplicationResult[]>();
  for (const r of results) {
    const list = byReplication.get(r.replication) ?? [];
    list.push(r);
    byReplication.set(r.replication, list);
  }
  const armOrder = new Map(spec.arms.map((a, i) => [a.name, i]));
  return [...byReplication.entries()]
    .sort(([a], [b]) => a - b)
    .map(([replication, units]) => {
      if (spec.design !== 'paired') return units[0];
      units.sort((a, b) => armOrder.get(a.arm!)! - armOrder.get(b.arm!)!);
      const sum = (pick: (r: ReplicationResult) => Record<string, number>) => {
        const out: Record<string, number> = {};
        for (const u of units) for (const [k, v] of Object.entries(pick(u))) out[k] = (out[k] ?? 0) + v;
        return out;
      };
      return {
        replication,
        seed: units[0].seed,
        rows: units.flatMap((u) => u.rows).sort((a, b) => a.day - b.day || armOrder.get(a.arm)! - armOrder.get(b.arm)!),
        events: units.reduce((a, u) => a + u.events, 0),
        eventsByKind: sum((u) => u.eventsByKind),
        streamFaults: sum((u) => u.streamFaults),
        headroom: armHeadroom(units),
        wallSeconds: units.reduce((a, u) => a + u.wallSeconds, 0),
      };
    });
}

/** Each arm's world brings its own arm's headroom (units kept before headroom existed bring none). */
function armHeadroom(units: readonly ReplicationResult[]): NonNullable<ReplicationResult['headroom']> {
  const out: NonNullable<ReplicationResult['headroom']> = {};
  for (const u of units) Object.assign(out, u.headroom);
  return out;
}
