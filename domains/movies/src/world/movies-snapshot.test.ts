import type { RunSummary } from '@prodsim/core';
import { resumeRuns } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { moviesDomain } from '../movies-domain.js';
import { writeMlLatest } from '../movielens/fixtures.js';

/** The summary without what depends on the wall clock. */
function simulated(summary: RunSummary): Omit<RunSummary, 'wallSeconds' | 'eventsPerSecond'> {
  const { wallSeconds: _w, eventsPerSecond: _e, ...rest } = summary;
  return rest;
}

describe('movies world checkpoints', () => {
  it('resumes from any checkpoint to the same events and summary as the run that went on', async () => {
    const { whole, checkpointed, resumed } = await resumeRuns(moviesDomain, {
      seed: '9',
      days: 3,
      everyMs: 12 * 3_600_000,
      domainConfig: { users: 400, movies: 300, createAccountLines: true, newAccountRate: 0.02 },
      // Every kind of state the run changes: releases, fake accounts and their pending ratings, an
      // attack on minors' lists, batched truth updates, a changed stream format, held-back lines.
      scenario: [
        { day: 1, action: 'release', params: { movies: 3 } },
        { day: 1, action: 'fake-ratings', params: { accounts: 20, hours: 30 } },
        { day: 1, action: 'r-rated-to-minors', params: { share: 0.5 } },
        { day: 1, action: 'truth-update', params: { everyDays: 1 } },
        { day: 1, action: 'stream-faults', params: { late: 0.01, reorder: 0.01, duplicate: 0.01, corrupt: 0.01 } },
        { day: 2, action: 'schema-change', params: { variant: 'added-field' } },
      ],
    });
    expect(whole.summary.events).toBeGreaterThan(10_000);
    expect(whole.summary.world['fake ratings (attack)']).toBe(20);
    expect(checkpointed.checkpoints).toBe(5);
    expect(checkpointed.text).toBe(whole.text);
    expect(resumed.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    for (const r of resumed) {
      expect(r.text === whole.text, `resumed from checkpoint ${r.sequence}`).toBe(true);
      expect(simulated(r.summary)).toEqual(simulated(whole.summary));
    }
  });

  it('resumes a MovieLens-fitted world with rating visits and sign-ups to the same events', async () => {
    const f = writeMlLatest(40, 200, 4);
    const { whole, resumed } = await resumeRuns(moviesDomain, {
      seed: '9',
      days: 8,
      everyMs: 36 * 3_600_000,
      domainConfig: { source: f.dir, users: 80, newAccountRate: 0.02 },
    });
    // Rating visits and new members' sign-up ratings ran before and after the checkpoints.
    expect(whole.summary.world['ratings on rating visits (movies seen elsewhere)']).toBeGreaterThan(50);
    expect(whole.summary.world['new accounts']).toBeGreaterThan(5);
    expect(resumed.length).toBe(5);
    for (const r of resumed) {
      expect(r.text === whole.text, `resumed from checkpoint ${r.sequence}`).toBe(true);
      expect(simulated(r.summary)).toEqual(simulated(whole.summary));
    }
  });
});
