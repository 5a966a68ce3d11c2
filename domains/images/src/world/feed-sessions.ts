import { startOfDay, type HandlerId, type Outcome, type RandomStream } from '@prodsim/core';
import { PositionBias, presentFeed, ScrollSessions, type FeedRanking } from '@prodsim/media';
import type { ImagesState } from './images-state.js';
import type { Moderation } from './moderation.js';

/** A quick glance: how long a skipped image stays on screen, ms. */
const SKIP_MS = [150, 700] as const;
const LOG_DWELL_MS = Math.log(1800);
const LIKED = 1;
const SKIPPED = 2;
const REPORTED = 4;
const LEAVES = 8;

/**
 * Users' app sessions: at each day start every remaining user's sessions are planned (a diurnal
 * profile, heavy-tailed activity). A session samples candidates, asks `feed` to rank them, shows
 * the ranked images first, and the user scrolls down with position bias, reacting to each image
 * by its hidden affinity (taste . embedding) plus noise: a dwell, then a like or a skip, and a
 * report if it is harmful (rarely otherwise). Harmful images drive users away.
 */
export class FeedSessions {
  private readonly SESSION: HandlerId;
  private readonly LEAVE: HandlerId;
  private readonly scroll: ScrollSessions;
  private readonly bias: PositionBias;
  private readonly busy: Uint8Array;
  /** The feed request a user is scrolling through, and how many of its images the service ranked. */
  private readonly currentRequest: Int32Array;
  private readonly rankedCount: Int32Array;
  /** The reaction a user decided on the image in front of them (flags), and the dwell. */
  private readonly reaction: Uint8Array;
  private readonly dwell: Int32Array;
  private nextRequest = 0;
  private readonly crowds: RandomStream;
  private readonly sample: number[] = [];

  constructor(
    private readonly s: ImagesState,
    private readonly moderation: Moderation,
  ) {
    const n = s.viewers.count;
    this.busy = new Uint8Array(n);
    this.currentRequest = new Int32Array(n);
    this.rankedCount = new Int32Array(n);
    this.reaction = new Uint8Array(n);
    this.dwell = new Int32Array(n);
    this.bias = new PositionBias({ persist: s.config.persist, attentionDecay: s.config.attentionDecay });
    this.SESSION = s.ctx.scheduler.register('image-session', (time, u) => this.open(time, u));
    this.crowds = s.ctx.rng.stream('crowds');
    this.LEAVE = s.ctx.scheduler.register('image-churn', (time, u) => this.leave(time, u, false));
    this.scroll = new ScrollSessions(s.ctx.scheduler, 'image-scroll', s.config.feedSize, this.bias, s.rng.scroll, {
      view: (time, u, item, position) => this.view(time, u, item, position),
      depart: (time, u, item) => this.depart(time, u, item),
      end: (_time, u) => {
        this.busy[u] = 0;
      },
    });
  }

  planDay(dayStart: number): void {
    const s = this.s;
    const rng = s.rng.sessions;
    const day0 = startOfDay(dayStart);
    const v = s.viewers;
    for (let u = 0; u < v.count; u++) {
      if (v.left[u]) continue;
      const n = rng.poisson(v.activity[u]);
      for (let k = 0; k < n; k++) {
        const time = s.diurnal.sample(day0, rng);
        if (time >= dayStart) s.ctx.scheduler.at(time, this.SESSION, u);
      }
      if (rng.next() < s.config.churnPerDay) s.ctx.scheduler.at(Math.max(dayStart, day0 + rng.int(86_400_000)), this.LEAVE, u);
    }
  }

  /**
   * A flash crowd (scenario step): from `from` for `hours`, every remaining user opens the app
   * `factor` times as often as planned (the extra sessions spread evenly over the window, drawn
   * from a stream of their own). In a paced run this is the load a service must absorb.
   */
  flashCrowd(from: number, factor: number, hours: number): void {
    const s = this.s;
    const rng = this.crowds;
    const v = s.viewers;
    const span = hours * 3_600_000;
    const extra = ((factor - 1) * hours) / 24;
    if (extra <= 0) return;
    for (let u = 0; u < v.count; u++) {
      if (v.left[u]) continue;
      const n = rng.poisson(v.activity[u] * extra);
      for (let k = 0; k < n; k++) s.ctx.scheduler.at(from + rng.int(Math.max(1, span)), this.SESSION, u);
    }
  }

  private open(_time: number, u: number): void {
    const s = this.s;
    if (s.viewers.left[u]) return;
    if (this.busy[u]) {
      s.counters.sessionsSkippedBusy++;
      return;
    }
    const n = s.candidates.sample(s.config.candidates, s.config.recentShare, Math.max(100, s.config.candidates), s.rng.sessions, this.sample);
    if (n === 0) return;
    this.busy[u] = 1;
    const candidates = this.sample.slice();
    const request = this.nextRequest++;
    s.counters.feedRequests++;
    s.ctx.predictions.request(s.feed, { user: u, candidates }, u, (outcome, at) => this.decide(at, u, request, candidates, outcome));
  }

  private decide(time: number, u: number, request: number, candidates: number[], outcome: Outcome<FeedRanking>): void {
    const s = this.s;
    const ranking = outcome.kind === 'ok' ? outcome.value : undefined;
    if (!ranking) s.counters.feedFailed++;
    // Images blocked or removed while the request was out are not shown.
    const shown = presentFeed(candidates, ranking, s.config.feedSize).filter((id) => s.candidates.isVisible(id));
    s.writer.emit('feed', String(u), time, {
      user: u,
      request,
      status: outcome.status,
      latency_ms: Math.round(outcome.latencyMs),
      candidates: candidates.length,
      ranked: ranking ? ranking.ranked.length : 0,
      dropped: outcome.kind === 'ok' ? outcome.dropped : 0,
      shown,
      error: outcome.kind === 'ok' ? undefined : outcome.error,
    });
    if (s.viewers.left[u] || shown.length === 0) {
      this.busy[u] = 0;
      return;
    }
    this.currentRequest[u] = request;
    this.rankedCount[u] = ranking ? Math.min(ranking.ranked.length, shown.length) : 0;
    s.ctx.observe.slate(time, u, shown);
    this.scroll.start(time + 200 + s.rng.scroll.int(800), u, shown);
  }

  /**
   * The user reaches an image: the impression, and how they will react (decided now from the hidden
   * affinity, emitted when they move on). Returns the dwell.
   */
  private view(time: number, u: number, item: number, position: number): number {
    const s = this.s;
    if (s.viewers.left[u]) return -1;
    const creator = s.catalogue.creator[item];
    const rng = s.rng.reactions;
    const c = s.counters;
    s.writer.emit('impression', String(u), time, { user: u, image: item, position, request: this.currentRequest[u] });
    c.impressions++;
    s.catalogue.impressions[item]++;
    s.dayStats.impressions[creator]++;
    s.dayStats.totalImpressions[creator]++;
    const affinity = s.viewers.affinity(u, s.truth.embeddings, s.truth.offset(item));
    c.affinitySum += affinity;
    const felt = affinity + rng.normal(0, s.config.reactionNoise);
    const harmful = s.truth.harmful[item] === 1;
    if (harmful) {
      c.harmfulImpressions++;
      s.ctx.observe.count?.(time, u, 'harmfulImpressions', 1);
    }
    const attention = this.bias.attention(position);
    const liked = rng.next() < attention / (1 + Math.exp(-(s.config.likeBias + s.config.likeSlope * felt)));
    const skipped = !liked && felt < -0.25;
    const reported = rng.next() < (harmful ? s.config.reportProbability : s.config.falseReportProbability);
    const leaves = harmful && rng.next() < s.config.harmLeaveProbability;
    this.reaction[u] = (liked ? LIKED : 0) | (skipped ? SKIPPED : 0) | (reported ? REPORTED : 0) | (leaves ? LEAVES : 0);
    const dwell = skipped
      ? SKIP_MS[0] + rng.int(SKIP_MS[1] - SKIP_MS[0])
      : Math.round(Math.min(30_000, Math.max(300, Math.exp(LOG_DWELL_MS + 0.35 * felt + rng.normal(0, 0.35)) * (liked ? 1.4 : 1) * (0.6 + 0.4 * attention))));
    this.dwell[u] = dwell;
    s.ctx.observe.interaction(time, u, item, position < this.rankedCount[u], dwell / 1000, affinity);
    return dwell;
  }

  /** The user moves on: dwell, like or skip, report; a harmful image may drive them away. */
  private depart(time: number, u: number, item: number): boolean {
    const s = this.s;
    const key = String(u);
    const c = s.counters;
    const creator = s.catalogue.creator[item];
    const r = this.reaction[u];
    s.writer.emit('dwell', key, time, { user: u, image: item, ms: this.dwell[u] });
    if (r & LIKED) {
      c.likes++;
      s.catalogue.likes[item]++;
      s.dayStats.likes[creator]++;
      s.writer.emit('like', key, time, { user: u, image: item });
      s.viewers.drift(u, s.truth.embeddings, s.truth.offset(item), s.config.tasteDrift);
    } else if (r & SKIPPED) {
      c.skips++;
      s.writer.emit('skip', key, time, { user: u, image: item });
    }
    if (r & REPORTED) {
      c.reports++;
      s.ctx.observe.count?.(time, u, 'reports', 1);
      s.dayStats.reports[creator]++;
      s.dayStats.totalReports[creator]++;
      s.writer.emit('report', key, time, { user: u, image: item });
      this.moderation.reported(time, item);
    }
    if (r & LEAVES) {
      this.leave(time, u, true);
      return false;
    }
    return true;
  }

  private leave(time: number, u: number, afterHarm: boolean): void {
    const s = this.s;
    if (s.viewers.left[u]) return;
    s.viewers.leave(u);
    s.counters.usersLeft++;
    if (afterHarm) s.counters.usersLeftAfterHarm++;
    s.writer.emit('user-left', String(u), time, { user: u });
  }
}
