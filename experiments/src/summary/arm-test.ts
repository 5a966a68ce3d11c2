import { variance, welch, type WelchResult } from '../stats/compare.js';
import { pairedT } from '../stats/paired-t.js';

export type Design = 'split' | 'paired';

/** The outcome of comparing two arms' per-replication values. */
export type ArmTest =
  | { kind: 'tested'; method: 'welch' | 'paired-t'; result: WelchResult; replications: number }
  /** No variation to test against: the values (split) or the differences (paired) never changed. */
  | { kind: 'constant'; meanA: number; meanB: number; difference: number; replications: number; reason: string }
  /** Fewer than two replications with a value: nothing to compare. */
  | { kind: 'too-few' };

const fmt = (x: number) => String(Number(x.toPrecision(3)));

/**
 * Compares arm A with arm B from one value per replication each (`a[i]`, `b[i]`: replication i;
 * NaN where a replication has no value). The split design tests with Welch's t-test on the
 * finite values of each arm; the paired design with the paired t-test on the replications where
 * both arms have a value. No test is run where there is no variance to test against.
 */
export function testArms(a: readonly number[], b: readonly number[], design: Design): ArmTest {
  if (design === 'paired') {
    const idx = a.map((_, i) => i).filter((i) => Number.isFinite(a[i]) && Number.isFinite(b[i]));
    if (idx.length < 2) return { kind: 'too-few' };
    const pa = idx.map((i) => a[i]);
    const pb = idx.map((i) => b[i]);
    const diffs = pa.map((x, i) => x - pb[i]);
    if (variance(diffs) === 0) {
      const result = pairedT(pa, pb);
      return {
        kind: 'constant',
        meanA: result.meanA,
        meanB: result.meanB,
        difference: result.difference,
        replications: idx.length,
        reason: `the difference was ${fmt(diffs[0])} in every replication`,
      };
    }
    return { kind: 'tested', method: 'paired-t', result: pairedT(pa, pb), replications: idx.length };
  }
  const fa = a.filter(Number.isFinite);
  const fb = b.filter(Number.isFinite);
  if (fa.length < 2 || fb.length < 2) return { kind: 'too-few' };
  const replications = Math.min(fa.length, fb.length);
  if (variance(fa) === 0 && variance(fb) === 0) {
    return {
      kind: 'constant',
      meanA: fa[0],
      meanB: fb[0],
      difference: fa[0] - fb[0],
      replications,
      reason: `each arm took one value in every replication (${fmt(fa[0])} and ${fmt(fb[0])})`,
    };
  }
  return { kind: 'tested', method: 'welch', result: welch(fa, fb), replications };
}
