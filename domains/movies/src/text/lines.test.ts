import { describe, expect, it } from 'vitest';
import { RandomStream } from '@prodsim/core';
import { LINE_PATTERNS, LineEncoder } from './lines.js';
import { StampFormatter } from './time-format.js';

// Lines from real course streams (the contract's samples).
const REAL = {
  watch: '2020-06-25T13:44:14,601844,GET /data/m/goyas+ghosts+2006/17.mpg',
  rate: '2022-10-06T01:31:18,230550,GET /rate/narc+2002=4',
  recommendationOk:
    '2024-02-27T18:45:18.198010,145051,recommendation request 17645-team05.isri.cmu.edu:8082, status 200, result: rashomon+1950, the+apartment+1960, paths+of+glory+1957, 140 ms',
  recommendationTimeout:
    '2022-02-09T01:45:32.945123,284507,recommendation request 17645-team17.isri.cmu.edu:8082, status 0, result: java.util.concurrent.TimeoutException: Request timeout to 17645-team17.isri.cmu.edu/128.2.205.118:8082 after 800 ms, 815 ms',
};

describe('golden line formats', () => {
  it('the patterns accept the real sample lines', () => {
    expect(LINE_PATTERNS.watch.test(REAL.watch)).toBe(true);
    expect(LINE_PATTERNS.rate.test(REAL.rate)).toBe(true);
    expect(LINE_PATTERNS.recommendation.test(REAL.recommendationOk)).toBe(true);
    expect(LINE_PATTERNS.recommendation.test(REAL.recommendationTimeout)).toBe(true);
    expect(LINE_PATTERNS.watch.test(REAL.rate)).toBe(false);
    expect(LINE_PATTERNS.rate.test(REAL.watch)).toBe(false);
  });

  it('re-encodes the real samples byte for byte', () => {
    const enc = new LineEncoder();
    expect(enc.watch(Date.UTC(2020, 5, 25, 13, 44, 14, 999), '601844', 'goyas+ghosts+2006', 17)).toBe(REAL.watch);
    expect(enc.rate(Date.UTC(2022, 9, 6, 1, 31, 18), '230550', 'narc+2002', 4)).toBe(REAL.rate);
    expect(
      enc.recommendation(
        Date.UTC(2024, 1, 27, 18, 45, 18) + 198.01,
        '145051',
        '17645-team05.isri.cmu.edu:8082',
        200,
        ['rashomon+1950', 'the+apartment+1960', 'paths+of+glory+1957'].join(', '),
        140.4,
      ),
    ).toBe(REAL.recommendationOk);
    const error = 'java.util.concurrent.TimeoutException: Request timeout to 17645-team17.isri.cmu.edu/128.2.205.118:8082 after 800 ms';
    expect(enc.recommendation(Date.UTC(2022, 1, 9, 1, 45, 32) + 945.123, '284507', '17645-team17.isri.cmu.edu:8082', 0, error, 815)).toBe(
      REAL.recommendationTimeout,
    );
  });

  it('encodes create_account lines (2026 offering)', () => {
    const line = new LineEncoder().createAccount(Date.UTC(2026, 0, 5, 9, 0, 1), '42');
    expect(line).toBe('2026-01-05T09:00:01,42,GET /create_account');
    expect(LINE_PATTERNS.createAccount.test(line)).toBe(true);
  });
});

describe('fast time stamps', () => {
  it('agree with Date.toISOString over random times, in any order', () => {
    const f = new StampFormatter();
    const rng = new RandomStream('stamps');
    for (let i = 0; i < 5000; i++) {
      // Mostly close in time (the cache's case), sometimes far apart (a new day, going back).
      const t = i % 7 === 0 ? Date.UTC(1990, 0, 1) + rng.int(60 * 365 * 86_400) * 1000 + rng.int(1000) : Date.UTC(2026, 0, 5) + rng.int(3 * 86_400_000);
      expect(f.seconds(t)).toBe(new Date(t).toISOString().slice(0, 19));
    }
  });

  // Simulated times near 2026 carry about a quarter of a microsecond of precision in a double.
  it('prints microseconds, rounding into the next second when due, without disturbing the seconds cache', () => {
    const f = new StampFormatter();
    const t = Date.UTC(2026, 0, 5, 23, 59, 59);
    expect(f.seconds(t)).toBe('2026-01-05T23:59:59');
    expect(f.micros(t + 999.9996)).toBe('2026-01-06T00:00:00.000000');
    expect(f.micros(t + 0.001)).toBe('2026-01-05T23:59:59.000001');
    expect(f.micros(t + 123.456)).toBe('2026-01-05T23:59:59.123456');
    expect(f.seconds(t + 500)).toBe('2026-01-05T23:59:59');
  });
});
