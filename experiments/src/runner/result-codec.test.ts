import { describe, expect, it } from 'vitest';
import { decodeResult, encodeResult } from './result-codec.js';
import type { ReplicationResult } from './run-replication.js';

const result = (rows: unknown[]): ReplicationResult =>
  ({ replication: 2, seed: 's/rep2', rows, events: 10, eventsByKind: { a: 10 }, streamFaults: {}, wallSeconds: 0.5 }) as unknown as ReplicationResult;

describe('the result encoding', () => {
  it('reads back NaN, the infinities and -0, which plain JSON loses', () => {
    const back = decodeResult(
      encodeResult(result([{ day: 0, uptake: Number.NaN, gini: -0, latencyP99: Number.POSITIVE_INFINITY, spread: Number.NEGATIVE_INFINITY, coverage: 0.25 }])),
    );
    const row = back.rows[0] as unknown as Record<string, number>;
    expect(row.uptake).toBeNaN();
    expect(Object.is(row.gini, -0)).toBe(true);
    expect(row.latencyP99).toBe(Number.POSITIVE_INFINITY);
    expect(row.spread).toBe(Number.NEGATIVE_INFINITY);
    expect(row.coverage).toBe(0.25);
    expect(JSON.parse(JSON.stringify(result([{ uptake: Number.NaN }]))).rows[0].uptake).toBeNull();
  });

  it('reads files written as plain JSON before it, and leaves other objects alone', () => {
    const plain = JSON.stringify(result([{ day: 1, uptake: null, domain: { share: 0.5 } }]));
    expect(decodeResult(plain)).toEqual(JSON.parse(plain));
    const marked = decodeResult(encodeResult(result([{ day: 1, domain: { $number: 'x', other: 1 } }])));
    expect((marked.rows[0] as unknown as { domain: unknown }).domain).toEqual({ $number: 'x', other: 1 });
  });

  it('carries the paired design headroom figures as they were, nulls included', () => {
    const figures = {
      measure: 'chance of a watch',
      requests: 12,
      sample: 0.1,
      service: 0.25,
      oracle: 0.9,
      default: null,
      random: 0.1,
      regret: 0.65,
      shareOfOracle: 0.2777,
    };
    const withHeadroom = { ...result([]), headroom: { random: { recommend: figures }, oracle: {} } };
    const back = decodeResult(encodeResult(withHeadroom));
    expect(back.headroom).toEqual(structuredClone(withHeadroom.headroom));
    expect(back.headroom!.random.recommend.default).toBeNull();
  });
});
