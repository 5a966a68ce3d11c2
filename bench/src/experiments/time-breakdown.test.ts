import { describe, expect, it } from 'vitest';
import { areaOf, breakdownOf, type CpuProfile } from './time-breakdown.js';

describe('where the time goes', () => {
  it('places code by the path of its script', () => {
    expect(areaOf('file:///w/core/dist/scheduler/ladder-queue.js', 'refill')).toBe('core: scheduler');
    expect(areaOf('file:///w/core/dist/transport/memory-transport.js', 'publish')).toBe('core: events, transport');
    expect(areaOf('file:///w/core/dist/prediction/gateway.js', 'ask')).toBe('core: prediction gateway');
    expect(areaOf('file:///w/domains/movies/dist/behaviour/viewing.js', 'minute')).toBe('domain world (movies)');
    expect(areaOf('file:///w/experiments/dist/baselines/mf-baseline.js', 'recommend')).toBe('experiments baselines: mf-baseline');
    expect(areaOf('file:///w/experiments/dist/recorder/experiment-recorder.js', 'closeDay')).toBe('experiments metrics, recorder');
    expect(areaOf('file:///w/experiments/dist/runner/run-replication.js', 'x')).toBe('experiments runner, arms');
    expect(areaOf('node:internal/streams', 'x')).toBe('node built-ins');
    expect(areaOf('', '(garbage collector)')).toBe('garbage collection');
    expect(areaOf('', 'exp')).toBeUndefined();
  });

  it('adds up self time per area, charging native code to its nearest JavaScript caller', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 4] },
        { id: 2, callFrame: frame('minute', 'file:///w/domains/movies/dist/behaviour/viewing.js'), children: [3] },
        { id: 3, callFrame: frame('exp', '') },
        { id: 4, callFrame: frame('(garbage collector)', '') },
      ],
      // 2 ms in minute itself, 3 ms in the native exp it calls, 5 ms collecting garbage.
      samples: [2, 3, 3, 4, 3, 2, 4],
      timeDeltas: [1000, 1000, 1000, 2500, 1000, 1000, 2500],
    };
    const b = breakdownOf(profile);
    expect(b.totalMs).toBe(10);
    expect(b.areas).toEqual([
      { area: 'domain world (movies)', ms: 5, share: 0.5 },
      { area: 'garbage collection', ms: 5, share: 0.5 },
    ]);
    expect(b.functions.map((f) => [f.name, f.ms])).toEqual([
      ['(garbage collector) (native)', 5],
      ['exp (native)', 3],
      ['minute viewing.js:1', 2],
    ]);
  });
});
