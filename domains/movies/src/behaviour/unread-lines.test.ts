import { runWorld } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';

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

  it('observed for research, passes over plain minutes: the same counts and world in far fewer scheduler events', async () => {
    const domainConfig = { users: 1500, movies: 300 };
    // A run that ends at 13:00 ends in the middle of viewings: none of their minutes to come is counted.
    const options = { seed: 'unread', days: 1.54, domainConfig, research: true };
    const read = await runWorld<MoviesWorld>(moviesDomain, options);
    const unread = await runWorld<MoviesWorld>(moviesDomain, { ...options, capture: false });
    const { wallSeconds: _a, eventsPerSecond: _b, schedulerEvents: readDispatched, ...readSummary } = read.summary;
    const { wallSeconds: _c, eventsPerSecond: _d, schedulerEvents: unreadDispatched, ...unreadSummary } = unread.summary;
    expect(unreadSummary).toEqual(readSummary);
    expect(read.capture.events.length).toBe(read.summary.events);
    // Minute lines were most of the read world's scheduler events; most minutes were passed over.
    expect(read.summary.eventsByKind.watch).toBeGreaterThan(40_000);
    expect(unreadDispatched).toBeLessThan(readDispatched - read.summary.eventsByKind.watch / 2);
    // The same viewings under way at the end, each as far along (the hidden state, compared whole).
    const viewersOf = (run: typeof read) => Array.from(run.world.research().population.viewers.records);
    expect(viewersOf(unread)).toEqual(viewersOf(read));
  });
});
