import { InProcessPredictor, ok, type Predictor } from '@prodsim/core';
import { runWorld } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { parseChoice } from './choice-event.js';
import { slateDomain } from './slate-domain.js';

// The conformance suite runs over every built-in domain in test/builtin-conformance.test.ts.

const choicesOf = (events: { value: string }[]) => events.map((e) => parseChoice(e.value)).filter((c) => c !== undefined);

describe('slate/v1 world', () => {
  it('makes exactly one choice per user per step, within the step, through the slate endpoint', async () => {
    const { capture, summary, sim } = await runWorld(slateDomain, { days: 1, domainConfig: { users: 50, items: 100, steps: 4, stepMinutes: 60 } });
    const choices = choicesOf(capture.events);
    expect(choices).toHaveLength(200);
    const start = Date.parse('2026-01-05T00:00:00Z');
    for (let step = 0; step < 4; step++) {
      const inStep = choices.filter((c) => c.t >= start + step * 3_600_000 && c.t < start + (step + 1) * 3_600_000);
      expect(new Set(inStep.map((c) => c.user)).size).toBe(50);
    }
    expect(summary.world).toMatchObject({ steps: 4, choices: 200 });
    expect(summary.predictions).toEqual({ ok: 200 });
    expect(sim.metrics.counter('slate_choices_total', '', { from: 'slate' }).value).toBe(200);
  });

  it('popularity concentrates choices more than random slates do', async () => {
    const config = { users: 300, items: 500, steps: 20, choiceNoise: 0.2 };
    const pop = await runWorld(slateDomain, { days: 1, domainConfig: { ...config, recommender: 'popularity' } });
    const rnd = await runWorld(slateDomain, { days: 1, domainConfig: { ...config, recommender: 'random' } });
    const share = (s: typeof pop.summary) => s.world.top10Share as number;
    expect(share(pop.summary)).toBeGreaterThan(0.9);
    expect(share(rnd.summary)).toBeLessThan(0.2);
    expect(rnd.summary.world.itemsChosen as number).toBeGreaterThan(pop.summary.world.itemsChosen as number);
  });

  it('users pick well from a slate: the chosen item scores higher than a random one on average', async () => {
    const base = { users: 300, items: 500, steps: 10, recommender: 'random', drift: 0 };
    const picky = await runWorld(slateDomain, { days: 1, domainConfig: { ...base, choiceNoise: 0 } });
    const noisy = await runWorld(slateDomain, { days: 1, domainConfig: { ...base, choiceNoise: 100 } });
    // Scores are ~N(0, 1): the best of 10 averages about 1.5; a near-uniform pick about 0.
    expect(picky.summary.world.meanChosenScore as number).toBeGreaterThan(1.2);
    expect(Math.abs(noisy.summary.world.meanChosenScore as number)).toBeLessThan(0.3);
  });

  it('the mf recommender learns from the choices: users find better items than in random slates', async () => {
    const base = { users: 300, items: 500, steps: 30, drift: 0, choiceNoise: 0.2 };
    const mf = await runWorld(slateDomain, { days: 2, domainConfig: { ...base, recommender: 'mf' } });
    const rnd = await runWorld(slateDomain, { days: 2, domainConfig: { ...base, recommender: 'random' } });
    // The best of 10 random ~N(0, 1) scores averages about 1.5; the learned ranking does better.
    expect(mf.summary.world.meanChosenScore as number).toBeGreaterThan((rnd.summary.world.meanChosenScore as number) + 0.15);
    expect(mf.summary.world.top10Share as number).toBeLessThan(0.5);
  });

  it('records a failed slate request and lets the user browse instead (rank -1), without crashing', async () => {
    const broken: Predictor = new InProcessPredictor({ slate: () => 'not a list' }, { name: 'broken' });
    const { capture, summary } = await runWorld(slateDomain, { days: 1, domainConfig: { users: 20, items: 50, steps: 2 }, predictor: broken });
    const failures = capture.events.filter((e) => e.value.startsWith('{')).map((e) => JSON.parse(e.value));
    expect(failures).toHaveLength(40);
    expect(failures[0]).toMatchObject({ outcome: 'malformed', status: 200 });
    const choices = choicesOf(capture.events);
    expect(choices).toHaveLength(40);
    expect(choices.every((c) => c.rank === -1)).toBe(true);
    expect(summary.predictions).toEqual({ malformed: 40 });
  });

  it('drops unknown, duplicate and surplus ids from an answer and chooses among the rest', async () => {
    const sloppy: Predictor = {
      target: 'sloppy',
      predict: (endpoint, request) => {
        const checked = endpoint.validate([7, 7, -1, 999, 3.5, 'x', 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18], request);
        return checked.ok ? ok(checked.value, 1, checked.dropped) : (undefined as never);
      },
      close: async () => {},
    };
    const { capture } = await runWorld(slateDomain, { days: 1, domainConfig: { users: 10, items: 50, steps: 1 }, predictor: sloppy });
    const choices = choicesOf(capture.events);
    expect(choices).toHaveLength(10);
    // Kept: 7, 8, ..., 16 (ten ids, the slate size), in the answer's order.
    for (const c of choices) expect(c.item).toBe([7, 8, 9, 10, 11, 12, 13, 14, 15, 16][c.rank]);
  });

  it('rejects a bad configuration with a coded error naming the field', () => {
    expect(() => slateDomain.config.parse({ users: 0 }, 'slate')).toThrow(/slate\.users = 0; allowed: an integer >= 1/);
    expect(() => slateDomain.config.parse({ recommender: 'svd' }, 'slate')).toThrow(expect.objectContaining({ code: 'PRODSIM_ERR_CONFIG_INVALID' }));
  });
});
