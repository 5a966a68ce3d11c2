import type { ReplicationResult } from './run-replication.js';

/** A number JSON cannot hold (NaN, ±Infinity, -0), written as an object that reads back to it. */
const MARK = '$number';

/**
 * A unit's result as text that reads back to the same values: plain JSON turns NaN (a day
 * without a value) into null and -0 into 0, so a result that crossed a file or the network would
 * not be the result a worker thread hands over (by structured clone). Kept files and results from
 * the work queue are both written this way, so the summary of a resumed or distributed run is the
 * summary of a run in one process, byte for byte. Files written before this encoding read as well.
 */
export function encodeResult(result: ReplicationResult): string {
  return JSON.stringify(result, (_key, value: unknown) =>
    typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)) ? { [MARK]: Object.is(value, -0) ? '-0' : String(value) } : value,
  );
}

export function decodeResult(text: string): ReplicationResult {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === MARK) return Number((value as Record<string, string>)[MARK]);
    }
    return value;
  }) as ReplicationResult;
}
