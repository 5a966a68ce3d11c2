import type { HandlerId, Outcome, RandomStream } from '@prodsim/core';
import { DiurnalProfile, PositionBias, presentFeed, ScrollSessions, type FeedRanking } from '@prodsim/media';
import type { AudioState } from './audio-state.js';
import { EMBEDDING_DIM } from './clip-catalogue.js';
import type { Reviews } from './reviews.js';

/**
 * Listening sessions: a listener opens the app for talk or music, the app asks `next` to rank
 * candidates from that shelf, and the player goes down the queue (the kit's ScrollSessions: one
 * event per clip reached, position bias). Each clip is skipped or listened through, and may be
 * liked, replayed, shared or reported; likes pull the listener's taste toward the clip.
 */
export class Listening {
  private readonly SESSION: HandlerId;
  private readonly sessions: ScrollSessions;
  private readonly bias: PositionBias;
  private readonly diurnal = new DiurnalProfile();
  private readonly candidates: number[] = [];
  private readonly mood: Uint8Array;
  private readonly request: Int32Array;
  private readonly ranked: Int32Array;
  private requests = 0;
  private readonly keys: string[];
  /** The clip each listener is playing now and what will come of it, by user (one session at a time). */
  private readonly playClip: Int32Array;
  private readonly playPosition: Int32Array;
  private readonly playSeconds: Float64Array;
  private readonly playFlags: Uint8Array;
  private readonly crowds: RandomStream;

  constructor(
    private readonly s: AudioState,
    private readonly reviews: Reviews,
  ) {
    const { config, ctx } = s;
    this.bias = new PositionBias({ persist: config.persist, attentionDecay: config.attentionDecay });
    this.sessions = new ScrollSessions(
      ctx.scheduler,
      'audio-play',
      config.queueSize,
      this.bias,
      s.rng.sessions,
      {
        view: (time, user, clip, position) => this.play(time, user, clip, position),
        depart: (time, user) => this.depart(time, user),
        end: (_time, user) => {
          s.listeners.busy[user] = 0;
        },
      },
      300,
    );
    this.SESSION = ctx.scheduler.register('audio-session', (time, user) => this.open(time, user));
    this.crowds = ctx.rng.stream('crowds');
    const n = s.listeners.count;
    this.mood = new Uint8Array(n);
    this.request = new Int32Array(n);
    this.ranked = new Int32Array(n);
    this.keys = new Array(n);
    this.playClip = new Int32Array(n);
    this.playPosition = new Int32Array(n);
    this.playSeconds = new Float64Array(n);
    this.playFlags = new Uint8Array(n);
  }

  /** Day start: when each listener opens the app today. */
  planDay(dayStart: number): void {
    const { listeners, rng, ctx } = this.s;
    const pool = listeners.pool;
    for (let u = 0; u < listeners.count; u++) {
      if (pool.left[u]) continue;
      const n = rng.sessions.poisson(pool.activity[u]);
      for (let k = 0; k < n; k++) ctx.scheduler.at(this.diurnal.sample(dayStart, rng.sessions), this.SESSION, u);
    }
  }

  /**
   * A flash crowd (scenario step): from `from` for `hours`, every remaining listener opens the app
   * `factor` times as often as planned (extra sessions spread evenly over the window, drawn from a
   * stream of their own). In a paced run this is the load a service must absorb.
   */
  flashCrowd(from: number, factor: number, hours: number): void {
    const { listeners, ctx } = this.s;
    const pool = listeners.pool;
    const span = hours * 3_600_000;
    const extra = ((factor - 1) * hours) / 24;
    if (extra <= 0) return;
    for (let u = 0; u < listeners.count; u++) {
      if (pool.left[u]) continue;
      const n = this.crowds.poisson(pool.activity[u] * extra);
      for (let k = 0; k < n; k++) ctx.scheduler.at(from + this.crowds.int(Math.max(1, span)), this.SESSION, u);
    }
  }

  private key(user: number): string {
    return this.keys[user] ?? (this.keys[user] = String(user));
  }

  private open(_time: number, user: number): void {
    const { listeners, catalogue, config, rng, ctx, counters } = this.s;
    if (listeners.busy[user]) {
      counters.busy++;
      return;
    }
    const talk = rng.sessions.next() < listeners.talkShare[user];
    const pool = catalogue.pool(talk, listeners.safe[user] === 1);
    if (pool.sample(config.candidates, config.recentShare, 200, rng.sessions, this.candidates) === 0) return;
    counters.sessions++;
    listeners.busy[user] = 1;
    // Known from here on (not only once the queue is decided), so that the research probe's
    // trueValue, asked while the request is out, values clips in this session's mood.
    this.mood[user] = talk ? 1 : 0;
    const candidates = this.candidates.slice();
    const request = this.requests++;
    ctx.predictions.request(this.s.next, { user, candidates }, user, (outcome, at) => this.decide(user, talk, request, candidates, outcome, at));
  }

  private decide(user: number, talk: boolean, request: number, candidates: number[], outcome: Outcome<FeedRanking>, at: number): void {
    const { config, writer, ctx, counters } = this.s;
    const ranking = outcome.kind === 'ok' ? outcome.value : undefined;
    if (ranking) counters.nextOk++;
    else counters.nextFailed++;
    const queue = presentFeed(candidates, ranking, config.queueSize);
    writer.emit('next', this.key(user), at, {
      user,
      request,
      mood: talk ? 'talk' : 'music',
      status: outcome.status,
      latency_ms: Math.round(outcome.latencyMs),
      candidates: candidates.length,
      ranked: ranking ? ranking.ranked.length : 0,
      dropped: outcome.kind === 'ok' ? outcome.dropped : 0,
      queue,
      error: outcome.kind === 'ok' ? undefined : outcome.error,
    });
    ctx.observe.slate(at, user, queue);
    this.request[user] = request;
    this.ranked[user] = ranking ? ranking.ranked.length : 0;
    this.sessions.start(at, user, queue);
  }

  /** Hidden affinity of a listener to a clip in this session, before reaction noise. */
  affinity(user: number, clip: number, talkSession: boolean): number {
    const { listeners, catalogue, config } = this.s;
    let a = listeners.pool.affinity(user, catalogue.embedding, clip * EMBEDDING_DIM);
    if (talkSession !== (catalogue.speech[clip] === 1)) a -= config.wrongShelf;
    if (catalogue.explicit[clip]) a -= listeners.safe[user] ? config.explicitAversion : 0.2;
    return a - catalogue.qualityPenalty[clip];
  }

  /**
   * The hidden value of a clip to a listener now: the affinity a play of it in their current (or
   * last) session's mood would report as trueValue. For the research probe only.
   */
  trueValue(user: number, clip: number): number {
    return this.affinity(user, clip, this.mood[user] === 1);
  }

  private play(time: number, user: number, clip: number, position: number): number {
    const { catalogue, config, rng, ctx } = this.s;
    const r = rng.reactions;
    const value = this.affinity(user, clip, this.mood[user] === 1);
    const felt = value + config.reactionNoise * r.normal();
    const attention = this.bias.attention(position);
    const duration = catalogue.descriptions[clip].seconds;
    const complete = r.next() < sigmoid(config.completeBias + config.completeSlope * felt);
    // A skip comes early more often than late: a share of the clip between ~0 and 90%.
    const seconds = complete ? duration : Math.round(duration * 9 * r.next() ** 1.5) / 10;
    let flags = complete ? COMPLETE : 0;
    if (r.next() < attention * (complete ? 1 : 0.25) * sigmoid(config.likeBias + config.likeSlope * felt)) flags |= LIKE;
    if (complete && r.next() < sigmoid(1.2 * felt - 3.2)) flags |= REPLAY;
    if (flags & LIKE && r.next() < 0.12) flags |= SHARE;
    if (r.next() < (catalogue.explicit[clip] && this.s.listeners.safe[user] ? config.reportProbability : config.falseReportProbability)) flags |= REPORT;
    this.playClip[user] = clip;
    this.playPosition[user] = position;
    this.playSeconds[user] = seconds;
    if (!complete && r.next() < config.quitAfterSkip) flags |= QUIT;
    this.playFlags[user] = flags;
    ctx.observe.interaction(time, user, clip, position < this.ranked[user], seconds, value);
    if (complete) ctx.observe.count?.(time, user, 'completePlays', 1);
    // The play and the reactions are emitted when the listener moves on (the kit's depart), so
    // the stream stays in time order.
    return Math.round(seconds * 1000) + (flags & REPLAY ? duration * 1000 : 0);
  }

  private depart(time: number, user: number): boolean {
    const { catalogue, listeners, config, writer, counters } = this.s;
    const clip = this.playClip[user];
    const flags = this.playFlags[user];
    const seconds = this.playSeconds[user];
    const key = this.key(user);
    const complete = (flags & COMPLETE) !== 0;
    catalogue.plays[clip]++;
    counters.plays++;
    counters.secondsListened += seconds;
    if (complete) catalogue.completes[clip]++, counters.completes++;
    writer.emit('play', key, time, { user, clip, request: this.request[user], position: this.playPosition[user], seconds, complete });
    if (flags & LIKE) {
      catalogue.likes[clip]++;
      counters.likes++;
      writer.emit('like', key, time, { user, clip });
      listeners.pool.drift(user, catalogue.embedding, clip * EMBEDDING_DIM, config.tasteDrift);
    }
    if (flags & REPLAY) {
      counters.replays++;
      writer.emit('replay', key, time, { user, clip });
    }
    if (flags & SHARE) {
      counters.shares++;
      writer.emit('share', key, time, { user, clip });
    }
    if (flags & REPORT) {
      catalogue.reports[clip]++;
      counters.reports++;
      writer.emit('report', key, time, { user, clip });
      this.reviews.reported(time, clip);
    }
    return (flags & QUIT) === 0;
  }
}

const COMPLETE = 1;
const LIKE = 2;
const REPLAY = 4;
const SHARE = 8;
const REPORT = 16;
const QUIT = 32;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
