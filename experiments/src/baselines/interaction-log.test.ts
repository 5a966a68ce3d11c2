import { describe, expect, it } from 'vitest';
import { InteractionLog } from './interaction-log.js';

describe('InteractionLog', () => {
  it('gives back every interaction as added, across growth, the weight as a Float32', () => {
    const log = new InteractionLog();
    const n = 5_000;
    for (let i = 0; i < n; i++) log.add(i * 7, n - i, 0.5 + i / 3);
    expect(log.length).toBe(n);
    let wrong = 0;
    for (let i = 0; i < n; i++) if (log.user(i) !== i * 7 || log.item(i) !== n - i || log.weight(i) !== Math.fround(0.5 + i / 3)) wrong++;
    expect(wrong).toBe(0);
  });
});
