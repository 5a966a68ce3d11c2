import { runWorld } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { moviesDomain } from '../movies-domain.js';

describe('a movies world nobody reads', () => {
  it('runs as one whose every line is read: the same counts, the same world, no lines written', async () => {
    const domainConfig = { users: 1500, movies: 300 };
    const read = await runWorld(moviesDomain, { seed: 'unread', days: 2, domainConfig });
    const unread = await runWorld(moviesDomain, { seed: 'unread', days: 2, domainConfig, capture: false });
    const { wallSeconds: _a, eventsPerSecond: _b, ...readSummary } = read.summary;
    const { wallSeconds: _c, eventsPerSecond: _d, ...unreadSummary } = unread.summary;
    expect(unreadSummary).toEqual(readSummary);
    // Every counted event was a line in the read world, minute lines and recommendations most of all.
    expect(read.capture.events.length).toBe(read.summary.events);
    expect(read.summary.eventsByKind.watch).toBeGreaterThan(50_000);
    expect(read.summary.eventsByKind.recommendation).toBeGreaterThan(1_000);
    expect(unread.capture.events.length).toBe(0);
  });
});
