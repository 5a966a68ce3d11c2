import { MemoryTransport, runConfigFields, s, Simulation, type AnswerValue, type DomainPlugin } from '@prodsim/core';
import { CaptureOutput, withoutHeadroom } from '@prodsim/core/testing';
import type { FeedRanking, FeedRequest } from '@prodsim/media';
import { describe, expect, it } from 'vitest';
import { imagesDomain } from '../images-domain.js';
import { SMALL } from '../test/small-world.js';

async function run(plugin: DomainPlugin, onFeed?: (value: AnswerValue<FeedRequest, FeedRanking>, user: number, shown: number[]) => void) {
  const config = s.object(runConfigFields).parse({ domain: 'images', seed: 'headroom', days: 1, progress: false }, '');
  const capture = new CaptureOutput();
  let value: AnswerValue<FeedRequest, FeedRanking> | undefined;
  const sim = new Simulation({
    config,
    domainConfig: imagesDomain.config.parse(SMALL, 'images'),
    plugin,
    transport: new MemoryTransport(),
    outputs: [capture],
    observer: { slate: (_t, user, items) => onFeed?.(value!, user, Array.from(items)), interaction() {}, outcome() {} },
  });
  value = (await sim.init()).probe?.answerValues?.feed;
  const summary = await sim.run();
  const events = capture.events.map((e) => JSON.parse(e.value) as { kind: string });
  return { summary, lines: capture.events.map((e) => e.value), events };
}

describe('images headroom', () => {
  it("values a feed as its expected likes: summed over a run's feeds, the likes users gave", async () => {
    let expected = 0;
    let feeds = 0;
    const { events, summary } = await run(imagesDomain, (value, user, shown) => {
      // The feed as shown, valued when it is decided (before the user scrolls).
      expected += value.value({ user, candidates: shown }, undefined);
      feeds++;
    });
    const likes = events.filter((e) => e.kind === 'like').length;
    expect(feeds).toBeGreaterThan(200);
    expect(likes).toBeGreaterThan(300);
    // Expected likes within 10% of the likes drawn (the noise integral is approximated).
    expect(Math.abs(expected - likes) / likes).toBeLessThan(0.1);
    const feed = summary.endpoints!.feed.headroom!;
    expect(feed.requests).toBe(summary.endpoints!.feed.requests);
    expect(feed.oracle).toBeGreaterThan(feed.service);
    expect(feed.service).toBeGreaterThan(feed.random);
    // Moderation: the oracle stops every harmful upload (a few percent of them), blocking at
    // random stops half of those and wrongly blocks half of the rest.
    const moderate = summary.endpoints!.moderate.headroom!;
    const harmful = moderate.oracle;
    expect(harmful).toBeGreaterThan(0);
    expect(harmful).toBeLessThan(0.5);
    expect(moderate.random).toBeCloseTo(harmful / 2 - (1 - harmful) / 2, 1);
    expect(moderate.service).toBeLessThanOrEqual(moderate.oracle);
  });

  it('changes nothing in the world: the event log is the same without headroom', async () => {
    const a = await run(imagesDomain);
    const b = await run(withoutHeadroom(imagesDomain));
    expect(b.summary.endpoints!.feed.headroom).toBeUndefined();
    expect(a.summary.endpoints!.feed.headroom!.requests).toBeGreaterThan(100);
    expect(b.lines.length).toBe(a.lines.length);
    expect(b.lines.join('\n') === a.lines.join('\n')).toBe(true);
  });
});
