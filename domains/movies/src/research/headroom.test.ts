import { MemoryTransport, runConfigFields, s, Simulation, type AnswerValue, type DomainPlugin } from '@prodsim/core';
import { CaptureOutput, withoutHeadroom } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { moviesDomain } from '../movies-domain.js';
import type { RecommendRequest, RecommendResult } from '../recommend/recommend-endpoint.js';

const WORLD = { users: 2000, movies: 600 };

async function run(plugin: DomainPlugin, onList?: (value: AnswerValue<RecommendRequest, RecommendResult>, user: number, movies: number[]) => void) {
  const config = s.object(runConfigFields).parse({ domain: 'movies', seed: 'headroom', days: 3, progress: false }, '');
  const capture = new CaptureOutput();
  let value: AnswerValue<RecommendRequest, RecommendResult> | undefined;
  const sim = new Simulation({
    config,
    domainConfig: moviesDomain.config.parse(WORLD, 'movies'),
    plugin,
    transport: new MemoryTransport(),
    outputs: [capture],
    observer: { slate: (_t, user, items) => onList?.(value!, user, Array.from(items)), interaction() {}, outcome() {} },
  });
  value = (await sim.init()).probe?.answerValues?.recommend;
  const summary = await sim.run();
  return { summary, lines: capture.events.map((e) => e.value), world: sim.domainWorld };
}

describe('movies headroom', () => {
  it("values a list as the chance of a watch from it: summed over a run's lists, the watches the users took from them", async () => {
    let expected = 0;
    let lists = 0;
    const { world, summary } = await run(moviesDomain, (value, user, movies) => {
      // The value at the decision, before the user looks down the list (the observer's slate is then).
      expected += value.value({ userId: String(user + 1) }, { movies, ids: [] });
      lists++;
    });
    const figures = world.summary();
    const watches = Number(figures.watches);
    const fromLists = Math.round((watches * Number.parseFloat(String(figures['watches from recommendations']))) / 100);
    expect(lists).toBeGreaterThan(2000);
    // A sum of lists' Bernoulli chances: its sd is at most sqrt(lists) / 2 (~25 here); 4 sd allowed.
    expect(Math.abs(expected - fromLists)).toBeLessThan(2 * Math.sqrt(lists));
    const h = summary.endpoints!.recommend.headroom!;
    // About 180 lists valued a simulated day, whatever the world's size: 300 users' worth of 2,000.
    expect(h.sample).toBeCloseTo(300 / WORLD.users, 12);
    const sd = Math.sqrt(lists * h.sample * (1 - h.sample));
    expect(Math.abs(h.requests - lists * h.sample)).toBeLessThan(4 * sd);
    expect(h.requests / 3).toBeGreaterThan(100);
    expect(h.requests / 3).toBeLessThan(400);
    // The oracle's lists are taken far more often than the popular ones, and those more than random.
    expect(h.oracle).toBeGreaterThan(h.service + 0.2);
    expect(h.default).toBe(h.service);
    expect(h.service).toBeGreaterThan(h.random);
    expect(h.regret).toBeCloseTo(h.oracle - h.service, 12);
  });

  it('changes nothing in the world: the event log is the same without headroom', async () => {
    const a = await run(moviesDomain);
    const b = await run(withoutHeadroom(moviesDomain));
    expect(b.summary.endpoints!.recommend.headroom).toBeUndefined();
    expect(a.summary.endpoints!.recommend.headroom!.requests).toBeGreaterThan(100);
    expect(b.lines.length).toBe(a.lines.length);
    expect(b.lines.join('\n') === a.lines.join('\n')).toBe(true);
  });
});
