import type { ConsumptionHistory, DomainContext, EventKindId, KeyedRandom, PredictionEndpoint, RandomSource, RandomStream } from '@prodsim/core';
import { ActivityProfile } from '../behaviour/activity-profile.js';
import { AliasSampler } from '../behaviour/alias-sampler.js';
import type { MoviesConfig } from '../config.js';
import { PopularityTracker } from '../recommend/popularity-tracker.js';
import { createRecommendEndpoint, type RecommendRequest, type RecommendResult } from '../recommend/recommend-endpoint.js';
import { LineEncoder } from '../text/lines.js';
import type { Catalogue } from './catalogue.js';
import type { GroundTruth } from './ground-truth.js';
import type { Population } from './population.js';

const SATURATION = 400;

/** Run counters for the summary (one object per world, never per user or event). */
export class Counters {
  sessions = 0;
  busy = 0;
  recommendationsOk = 0;
  recommendationsFailed = 0;
  /** Sessions in which the user took nothing from the list and browsed the catalogue. */
  browsed = 0;
  /** Sessions that ended with nothing watched. */
  nothingChosen = 0;
  watches = 0;
  watchesFromRecommendations = 0;
  completed = 0;
  stoppedEarly = 0;
  pauses = 0;
  rewinds = 0;
  minuteLines = 0;
  ratings = 0;
  ratingSum = 0;
  /** Ratings of movies seen elsewhere, on rating visits (a MovieLens-fitted world; part of `ratings`). */
  visitRatings = 0;
  /** Ratings of a visit skipped because no movie that came to mind was one to rate. */
  visitRatingsNotFound = 0;
  releases = 0;
  accounts = 0;
  binges = 0;
  fakeRatings = 0;
  rToMinorsInjections = 0;
}

export interface EventKinds {
  watch: EventKindId;
  rate: EventKindId;
  recommendation: EventKindId;
  createAccount: EventKindId | undefined;
}

/**
 * Everything the behaviour modules share: the world's stores, its named random streams, the
 * line encoder and event kinds. Built once per world.
 */
export class MoviesState {
  /** Users whose accounts exist by now (indices below this are public). */
  created: number;
  readonly lines = new LineEncoder();
  readonly kinds: EventKinds;
  /** World-level planning: releases and new accounts. */
  readonly planning: RandomStream;
  /**
   * Per-user randomness (KeyedRandom): one user's draws never shift another's, so the arms of a
   * paired experiment keep every user's draws alike until that user's own path differs.
   * `userPlanning.at(u, day)` plans a user's day; `behaviour.of(u)` and `noise.of(u)` continue
   * the user's own sequences.
   */
  readonly userPlanning: KeyedRandom;
  readonly behaviour: KeyedRandom;
  readonly noise: KeyedRandom;
  readonly releases: RandomStream;
  readonly accounts: RandomStream;
  readonly profile = new ActivityProfile();
  readonly sampler = new AliasSampler();
  samplerDirty = true;
  readonly popularity: PopularityTracker;
  readonly counters = new Counters();
  /** Viewings the ground truth has not absorbed yet (batched truth updates), in order. */
  readonly pendingDrift = { users: [] as number[], movies: [] as number[], weights: [] as number[] };
  /** Days between batched truth updates; 0 = continuous. A scenario step may change it. */
  truthUpdateDays: number;
  /**
   * Attacks switched on by scenario steps (off by default): the share of minors' lists that get
   * R-rated movies, and the movies fake-ratings steps promote (for experiments' attack metrics).
   */
  readonly attacks = { rToMinors: 0, targets: [] as number[] };
  readonly recommend: PredictionEndpoint<RecommendRequest, RecommendResult>;

  constructor(
    readonly ctx: DomainContext,
    readonly config: MoviesConfig,
    readonly population: Population,
    readonly catalogue: Catalogue,
    readonly truth: GroundTruth,
    /** What users watched before the run (a MovieLens source's ratings); empty for a synthetic world. */
    readonly history?: ConsumptionHistory,
  ) {
    this.created = population.count;
    this.truthUpdateDays = config.truthUpdateDays;
    const topic = config.topic;
    this.kinds = {
      watch: ctx.events.declare('watch', topic),
      rate: ctx.events.declare('rate', topic),
      recommendation: ctx.events.declare('recommendation', topic),
      createAccount: config.createAccountLines ? ctx.events.declare('create_account', topic) : undefined,
    };
    this.planning = ctx.rng.stream('planning');
    this.userPlanning = ctx.rng.keyed('planning');
    this.behaviour = ctx.rng.keyed('behaviour');
    this.noise = ctx.rng.keyed('noise');
    this.releases = ctx.rng.stream('releases');
    this.accounts = ctx.rng.stream('accounts');
    this.popularity = new PopularityTracker(catalogue);
    this.popularity.seed();
    this.recommend = createRecommendEndpoint((id) => catalogue.indexOf(id), config.recommendDeadlineMs);
  }

  /** Draws a movie that comes to mind, in proportion to public popularity. */
  sampleMovie(rng: RandomSource): number {
    if (this.samplerDirty) {
      const cat = this.catalogue;
      const alpha = this.config.popularityExponent;
      const w = new Float64Array(cat.count);
      // Discoverability saturates: past a point, more buzz does not put a movie in front of more people.
      for (let m = 0; m < cat.count; m++) {
        const p = cat.popularity[m] ** alpha;
        w[m] = p / (1 + p / SATURATION);
      }
      this.sampler.rebuild(w, cat.count);
      this.samplerDirty = false;
    }
    return this.sampler.draw(rng);
  }
}

/** Applies the viewings the ground truth has not absorbed yet, in the order they happened. */
export function absorbPendingDrift(s: MoviesState): void {
  const { users, movies, weights } = s.pendingDrift;
  for (let i = 0; i < users.length; i++) s.truth.drift(users[i], movies[i], weights[i], s.catalogue);
  users.length = 0;
  movies.length = 0;
  weights.length = 0;
}
