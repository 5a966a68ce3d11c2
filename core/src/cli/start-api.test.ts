import { describe, expect, it } from 'vitest';
import { accessWarnings } from './start-api.js';

describe('startApi: who can read /metrics and /docs, said at start', () => {
  it('warns a course without a staff token, and a single world served beyond this host without one', () => {
    expect(accessWarnings('127.0.0.1', false, false)).toEqual([]);
    expect(accessWarnings('localhost', false, false)).toEqual([]);
    expect(accessWarnings('0.0.0.0', false, false)).toEqual([
      '/metrics and /docs are open to anyone who can reach 0.0.0.0: set api.staffToken to keep them to you',
    ]);
    expect(accessWarnings('0.0.0.0', false, true)).toEqual([]);
    expect(accessWarnings('127.0.0.1', true, false)[0]).toContain('course mode without api.staffToken: nobody may read /metrics');
    expect(accessWarnings('0.0.0.0', true, true)).toEqual([]);
  });
});
