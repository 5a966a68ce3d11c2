import { InProcessPredictor, type DomainWorld, type Predictor } from '@prodsim/core';
import { runDomainConformance, runWorld } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { newsroomDomain } from './newsroom-domain.js';
import type { FeedRequest } from './feed-endpoint.js';

// The suite every domain passes, with the domain's own conformance hints.
runDomainConformance(newsroomDomain);

const WORLD = { readers: 500, publishers: 15, articlesPerDay: 80 };
const DAYS = 6;
const START = Date.parse('2026-01-05T00:00:00Z');
const BAIT = /^(You won't believe|This is why|Nobody expected|The shocking truth|What happened next)/;

type Ranker = (world: DomainWorld) => (request: FeedRequest) => number[];
const feed =
  (rank: Ranker) =>
  (world: DomainWorld): Predictor =>
    new InProcessPredictor({ feed: rank(world) }, { name: 'test' });

/** Clickbait-style headlines first (a public feature), newest first among equals. */
const baitFirst: Ranker = (world) => {
  const articles = world.catalog.get('article')!;
  const bait = (id: number) => (BAIT.test((articles.get(String(id)) as { headline: string }).headline) ? 1 : 0);
  return (r) => [...r.candidates].sort((a, b) => bait(b) - bait(a));
};
/** The upper reference: each reader's hidden value of each article (the research probe's trueValue). */
const byHiddenValue: Ranker = (world) => (r) => [...r.candidates].sort((a, b) => world.probe!.trueValue!(r.reader, b) - world.probe!.trueValue!(r.reader, a));
const latest: Ranker = () => (r) => [...r.candidates];

/** Feeds (app sessions), opens and minutes read per simulated day, from the event stream alone. */
async function perDay(rank: Ranker, scenario?: { day: number; action: string; params?: Record<string, unknown> }[]) {
  const { capture } = await runWorld(newsroomDomain, { seed: 'loop', days: DAYS, domainConfig: WORLD, predictor: feed(rank), scenario });
  const days = Array.from({ length: DAYS }, () => ({ feeds: 0, opens: 0, minutes: 0, topics: new Map<string, number>() }));
  const topicOf = new Map<number, string>();
  for (const { value } of capture.events) {
    const e = JSON.parse(value);
    if (e.kind === 'publish') topicOf.set(e.article, e.topic);
    const day = days[Math.floor((Date.parse(e.t) - START) / 86_400_000)];
    if (!day) continue;
    if (e.kind === 'feed') day.feeds++;
    if (e.kind === 'click') {
      day.opens++;
      const topic = topicOf.get(e.article)!;
      day.topics.set(topic, (day.topics.get(topic) ?? 0) + 1);
    }
    if (e.kind === 'read') day.minutes += e.seconds / 60;
  }
  return days;
}

describe('newsroom/v1 world', () => {
  it('clickbait wins the first day and loses the readers; ranking by what readers value keeps them', async () => {
    const [bait, valued, plain] = [await perDay(baitFirst), await perDay(byHiddenValue), await perDay(latest)];
    // Day 1: tempting headlines on top get more opens than the app's own order, and less reading.
    expect(bait[0].opens).toBeGreaterThan(plain[0].opens * 1.05);
    expect(bait[0].minutes).toBeLessThan(plain[0].minutes);
    // Disappointed readers come back less: sessions fall under the bait feed and grow under the valued one.
    const lastTwo = (d: typeof bait) => d[DAYS - 1].feeds + d[DAYS - 2].feeds;
    expect(lastTwo(bait)).toBeLessThan(bait[0].feeds * 2);
    expect(lastTwo(valued)).toBeGreaterThan(valued[0].feeds * 2 * 1.1);
    expect(lastTwo(valued)).toBeGreaterThan(lastTwo(bait) * 1.2);
  });

  it('breaking news turns readers to the topic from the day it breaks', async () => {
    const share = (days: Awaited<ReturnType<typeof perDay>>, day: number) => (days[day].topics.get('science') ?? 0) / days[day].opens;
    const quiet = await perDay(latest);
    const breaking = await perDay(latest, [{ day: 2, action: 'breaking-news', params: { topic: 'science', articles: 60 } }]);
    expect(share(breaking, 1)).toBe(share(quiet, 1));
    expect(share(breaking, 2)).toBeGreaterThan(share(quiet, 2) + 0.1);
  });
});
