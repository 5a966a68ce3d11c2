import { DAY_MS, InProcessPredictor, PublicCatalog, type DomainContext, type DomainWorld, type Outcome, type ResearchProbe } from '@prodsim/core';
import { Articles } from './articles.js';
import { NewsroomError, NewsroomErrorCodes } from './errors.js';
import { feedEndpoint, presentFeed, type FeedRequest } from './feed-endpoint.js';
import type { NewsroomConfig } from './newsroom-config.js';
import { articleCollection, articleRoute, publisherCollection, readerCollection } from './newsroom-entities.js';
import { encode } from './newsroom-events.js';
import { newsroomProbe } from './newsroom-probe.js';
import { NEWSROOM_SCENARIO_ACTIONS, type ActionParams, type NewsroomAction } from './newsroom-scenario.js';
import { clamp, NewsroomTruth } from './newsroom-truth.js';
import { headline, TOPICS } from './topics.js';

const AGE_BANDS = ['18-29', '30-44', '45-64', '65+'];
/** A reader scanning a feed looks at the next headline with this chance (attention falls down the list). */
const PERSIST = 0.88;
const SCAN_MS = 4000;
const MAX_READS = 3;
/** Reading speed, words per second. */
const WORDS_PER_SECOND = 4;

/**
 * newsroom/v1: publishers post articles all day; readers open the app, which asks the `feed`
 * service to rank the newest articles; readers scan the feed from the top, open what tempts them
 * (their interests, the publisher's clickbait, their trust in it) and read for as long as the
 * article holds them (its hidden quality). Disappointing reads cost trust and engagement, and
 * disengaged readers come back less: a feed that chases clicks wins the day and loses the month.
 */
export function createNewsroomWorld(ctx: DomainContext, config: NewsroomConfig): DomainWorld {
  const rng = {
    population: ctx.rng.stream('population'),
    publishing: ctx.rng.stream('publishing'),
    sessions: ctx.rng.stream('sessions'),
    reading: ctx.rng.stream('reading'),
    scenario: ctx.rng.stream('scenario'),
  };
  const truth = new NewsroomTruth(config.readers, config.publishers, rng.population);
  const ageBand = Array.from({ length: config.readers }, () => AGE_BANDS[rng.population.int(AGE_BANDS.length)]);
  const beats = Array.from({ length: config.publishers }, () => [rng.population.int(TOPICS.length), rng.population.int(TOPICS.length)]);
  const articles = new Articles();
  const kinds = {
    publish: ctx.events.declare('publish', config.topic),
    feed: ctx.events.declare('feed', config.topic),
    click: ctx.events.declare('click', config.topic),
    read: ctx.events.declare('read', config.topic),
    failed: ctx.events.declare('feed-failed', config.topic),
  };
  const reads = ctx.metrics.counter('newsroom_reads_total', 'Articles opened by readers');
  const freshMs = config.freshHours * 3_600_000;
  const keys: string[] = [];
  const keyOf = (reader: number) => (keys[reader] ??= String(reader));
  const totals = { feeds: 0, shown: 0, clicks: 0, readSeconds: 0 };

  const publish = (time: number, publisher: number, topic: number) => {
    const r = rng.publishing;
    const quality = clamp(truth.quality[publisher] * r.uniform(0.7, 1.3), 0, 1);
    const words = 300 + r.int(1200);
    const text = headline(TOPICS[topic], (n) => r.int(n), r.bernoulli(truth.clickbait[publisher]));
    const id = articles.add({ publisher, topic, words, publishedAt: time, quality, headline: text });
    ctx.events.emit(kinds.publish, `p${publisher}`, encode.publish(time, id, publisher, TOPICS[topic], words, text));
  };
  const beatOf = (publisher: number) => (rng.publishing.bernoulli(0.7) ? beats[publisher][rng.publishing.int(2)] : rng.publishing.int(TOPICS.length));
  const publishLater = (time: number, publisher: number, topic: number) => ctx.scheduler.call(time, (t) => publish(t, publisher, topic));

  // A reader goes down the feed from `position`, opening at most MAX_READS articles; each read
  // ends after its reading time, and the scan goes on from there.
  const browse = (reader: number, shown: readonly number[], position: number, time: number, readsLeft: number, fromService: boolean): void => {
    for (let k = position; k < shown.length; k++) {
      if (k > 0 && !rng.reading.bernoulli(PERSIST)) return;
      const article = shown[k];
      const at = time + (k - position + 1) * SCAN_MS;
      if (!rng.reading.bernoulli(truth.clickChance(reader, articles.publisher[article], articles.topic[article]))) continue;
      articles.clicks[article]++;
      totals.clicks++;
      reads.inc();
      ctx.events.emit(kinds.click, keyOf(reader), encode.click(at, reader, article, k));
      const value = truth.value(reader, articles.quality[article], articles.topic[article]);
      const satisfaction = clamp(value + rng.reading.normal(0, 0.08), 0, 1);
      const seconds = Math.max(1, Math.round((articles.words[article] / WORDS_PER_SECOND) * (0.1 + 0.9 * satisfaction)));
      ctx.scheduler.call(at + seconds * 1000, (end) => {
        totals.readSeconds += seconds;
        ctx.events.emit(kinds.read, keyOf(reader), encode.read(end, reader, article, seconds));
        ctx.observe.interaction(end, reader, article, fromService, seconds / 60, value);
        truth.afterRead(reader, articles.publisher[article], articles.topic[article], satisfaction, config.interestDrift);
        if (readsLeft > 1) browse(reader, shown, k + 1, end, readsLeft - 1, fromService);
      });
      return;
    }
  };

  const session = ctx.scheduler.register('newsroom-session', (time, reader) => {
    const candidates = articles.recent(time, freshMs, config.candidates);
    if (candidates.length === 0) return;
    ctx.predictions.request(feedEndpoint, { reader, candidates }, reader, (outcome: Outcome<number[]>, at) => {
      const ranked = outcome.kind === 'ok' ? outcome.value : undefined;
      if (outcome.kind !== 'ok') ctx.events.emit(kinds.failed, keyOf(reader), encode.failed(at, reader, outcome.kind, outcome.error));
      const shown = presentFeed(candidates, ranked, config.feedSize);
      totals.feeds++;
      totals.shown += shown.length;
      ctx.events.emit(kinds.feed, keyOf(reader), encode.feed(at, reader, shown));
      if (ranked) ctx.observe.slate(at, reader, shown);
      browse(reader, shown, 0, at, MAX_READS, ranked !== undefined);
    });
  });

  const applyScenario = (action: string, raw: unknown) => {
    const now = ctx.scheduler.now;
    if ((action as NewsroomAction) === 'breaking-news') {
      const p = raw as ActionParams<'breaking-news'>;
      const topic = TOPICS.indexOf(p.topic);
      for (let i = 0; i < p.articles; i++) publishLater(now + rng.scenario.int(Math.ceil(p.hours * 3_600_000)), rng.scenario.int(config.publishers), topic);
      for (let u = 0; u < config.readers; u++) truth.turnTo(u, topic, p.attention);
    } else if ((action as NewsroomAction) === 'clickbait-surge') {
      const p = raw as ActionParams<'clickbait-surge'>;
      for (let q = 0; q < config.publishers; q++) {
        if (!rng.scenario.bernoulli(p.share)) continue;
        truth.clickbait[q] = p.clickbait;
        truth.quality[q] = p.quality;
      }
    } else {
      throw new NewsroomError(
        NewsroomErrorCodes.SCENARIO,
        `newsroom/v1 has no scenario action ${JSON.stringify(action)}; it has ${Object.keys(NEWSROOM_SCENARIO_ACTIONS).join(', ')}`,
      );
    }
  };

  let probe: ResearchProbe | undefined;
  return {
    catalog: new PublicCatalog()
      .add(readerCollection(ageBand))
      .add(articleCollection(articles))
      .add(publisherCollection(config.publishers, beats, articles)),
    endpoints: [feedEndpoint],
    routes: [articleRoute(articles, ctx.seed)],
    // Built when first asked for: plain runs never need it.
    get probe() {
      if (!probe) probe = newsroomProbe(truth, articles, ageBand, config.feedSize);
      return probe;
    },
    defaultPredictor() {
      // popular: most opened first (newest first among equals); latest: the app's own order.
      const rank = (r: FeedRequest) =>
        config.defaultFeed === 'latest' ? [...r.candidates] : [...r.candidates].sort((a, b) => articles.clicks[b] - articles.clicks[a] || b - a);
      return new InProcessPredictor({ feed: rank }, { name: config.defaultFeed });
    },
    start() {
      // Yesterday's articles are there when the app opens.
      const backlog = rng.publishing.poisson(config.articlesPerDay);
      const times = Array.from({ length: backlog }, () => ctx.startTime - rng.publishing.int(DAY_MS)).sort((a, b) => a - b);
      for (const time of times) {
        const publisher = rng.publishing.int(config.publishers);
        publish(time, publisher, beatOf(publisher));
      }
      ctx.scheduler.onDayStart((dayStart) => {
        const n = rng.publishing.poisson(config.articlesPerDay);
        for (let i = 0; i < n; i++) {
          const publisher = rng.publishing.int(config.publishers);
          publishLater(dayStart + rng.publishing.int(DAY_MS), publisher, beatOf(publisher));
        }
        for (let u = 0; u < config.readers; u++) {
          const visits = rng.sessions.poisson(config.sessionsPerDay * (0.3 + truth.engagement[u]));
          for (let k = 0; k < visits; k++) ctx.scheduler.at(dayStart + rng.sessions.int(DAY_MS), session, u);
        }
      });
    },
    applyScenario,
    summary: () => ({
      readers: config.readers,
      publishers: config.publishers,
      articles: articles.count,
      feeds: totals.feeds,
      clicks: totals.clicks,
      clickThrough: totals.shown > 0 ? Math.round((totals.clicks / totals.shown) * 10_000) / 10_000 : 0,
      readMinutes: Math.round(totals.readSeconds / 60),
    }),
    groundTruthCanaries: () => [
      ...Array.from(truth.quality.subarray(0, 10), String),
      ...Array.from(truth.clickbait.subarray(0, 10), String),
      ...Array.from(truth.susceptibility.subarray(0, 10), String),
    ],
  };
}
