import type { KeyedRandom, HandlerId, RandomSource } from '@prodsim/core';
import type { RatingCalendar } from '../movielens/rating-calendar.js';
import type { MoviesState } from '../world/world-state.js';
import { AliasSampler } from './alias-sampler.js';
import { ChoiceModel } from './choice-model.js';
import { EXPERIENCE_SD, rateChance, ratingValue, stopHazard, type RatingModelOptions } from './rating-model.js';
import { geometric } from './viewing.js';

/** Movies that come to mind per rating before the user gives up on finding one to rate. */
const TRIES = 100;
/** Seconds between two ratings of a visit: MovieLens members rate from a page of movies. */
const GAP_MIN_MS = 4_000;
const GAP_SPREAD_MS = 40_000;

/**
 * Rating visits, in a MovieLens-fitted world: on the days of its source user's rating calendar
 * (rating-calendar.ts, entered at a seeded point per copy), a simulated user visits the site and
 * rates as many movies as the source rated that day. They are movies seen elsewhere, at any time:
 * each rating is of a movie that comes to mind in proportion to how often the dataset's users
 * rated it (its long-run popularity, smoothed), that the user has not watched or rated yet, and
 * that they would have chosen to see (the ChoiceModel's chance, so what they rate is what they
 * like, as in the data); they rate it as they would after watching it. The ratings are ordinary
 * rate lines. A new account signs up the MovieLens way, with as many ratings as a random dataset
 * user gave on their first day. A copy of a user who never came back to rate after signing up
 * does not rate what they watch (see `ratesAfterViewing`).
 * Nothing is watched, so the experiments' consumption figures (minutes, uptake) are unchanged.
 */
export class RatingVisits {
  private readonly RATE: HandlerId;
  private readonly choice: ChoiceModel;
  private readonly entry: KeyedRandom;
  private readonly longRun: AliasSampler;
  private readonly ratingOptions: RatingModelOptions;

  constructor(
    private readonly s: MoviesState,
    private readonly calendar: RatingCalendar,
    /** Users that are copies of the dataset's (the first `copies`: user u copies u % calendar.users). */
    private readonly copies: number,
  ) {
    this.RATE = s.ctx.scheduler.register('seen-elsewhere-rating', (time, u) => this.rate(time, u));
    this.choice = new ChoiceModel(s);
    this.entry = s.ctx.rng.keyed('rating-visits');
    this.longRun = longRunPopularity(s);
    this.ratingOptions = { rateProbability: s.config.rateProbability, ratingNoise: s.config.ratingNoise, ratingScale: s.config.ratingScale };
  }

  /**
   * Whether user `u` rates what they watch: not a copy of a dataset user who never came back to
   * rate after their sign-up day (407 of ml-latest-small's 610 in a training part of 80%). The data
   * says such a person rates once and is gone; their copy keeps watching, as a non-rater. New
   * accounts, not copies, do rate.
   */
  ratesAfterViewing(u: number): boolean {
    return u >= this.copies || this.calendar.returnDays(u % this.calendar.users) > 0;
  }

  /** Ratings user `u` gives on the day numbered `dayNumber` (days since the epoch). */
  ratingsOn(u: number, dayNumber: number): number {
    if (u >= this.copies) return 0;
    const src = u % this.calendar.users;
    // Where the copy entered its source's cycle: the same in every world of the seed.
    const entered = this.entry.at(u, 0).int(this.calendar.cycleDays(src));
    return this.calendar.ratingsOn(src, entered + dayNumber);
  }

  /** Schedules a visit of user `u` with `n` ratings, starting at `start` (ms); `rng` is the user's plan for the day. */
  plan(u: number, n: number, start: number, rng: RandomSource): void {
    let t = start;
    for (let i = 0; i < n; i++) {
      this.s.ctx.scheduler.at(t, this.RATE, u);
      t += GAP_MIN_MS + rng.int(GAP_SPREAD_MS);
    }
  }

  /**
   * A new account's sign-up: as many ratings as a random dataset user gave on their first day,
   * starting a minute or two after the account exists (`rng`: the world's account stream).
   */
  signUp(u: number, time: number, rng: RandomSource): void {
    this.plan(u, this.calendar.signUpRatings(rng.next()), time + 60_000 + rng.int(60_000), rng);
  }

  private rate(time: number, u: number): void {
    const s = this.s;
    const { population: pop, catalogue, truth } = s;
    const rng = s.behaviour.of(u);
    const noise = s.noise.of(u);
    for (let i = 0; i < TRIES; i++) {
      const m = this.comesToMind(rng);
      // Seen: a movie they would have chosen. Rated: as after a viewing, the more they felt about it, the likelier.
      if (m < 0 || pop.hasWatched(u, m)) continue;
      const margin = this.choice.margin(u, m);
      if (rng.next() >= this.choice.startChance(u, m, margin)) continue;
      const experience = noise.normal(0, EXPERIENCE_SD);
      const enjoyment = truth.score(u, m, pop, catalogue) + experience;
      // How much of it they saw, as in a viewing (viewing.ts): a disappointing one is often left early.
      const seen = Math.min(1, geometric(stopHazard(margin + experience), rng.next()) / catalogue.runtime[m]);
      if (rng.next() * this.ratingOptions.rateProbability >= rateChance(enjoyment, seen, this.ratingOptions)) continue;
      pop.markWatched(u, m);
      const value = ratingValue(enjoyment, noise.normal(0, this.ratingOptions.ratingNoise), this.ratingOptions.ratingScale);
      const userId = String(u + 1);
      s.ctx.events.emit(s.kinds.rate, userId, s.lines.rate(time, userId, catalogue.slugs[m], value));
      s.counters.ratings++;
      s.counters.visitRatings++;
      s.counters.ratingSum += value;
      return;
    }
    s.counters.visitRatingsNotFound++;
  }

  /** A movie drawn in proportion to its ratings in the world's history (-1 when there is none). */
  private comesToMind(rng: RandomSource): number {
    return this.longRun.size > 0 ? this.longRun.draw(rng) : -1;
  }
}

/**
 * The sampler of movies seen elsewhere: each movie of the source in proportion to its ratings in
 * the history plus one (add-one smoothing: a movie the history happens not to hold, such as one
 * rated only after the part a world was fitted to, may still have been seen). Built once, over
 * the movies the world starts with, so that a world resumed from a checkpoint (with releases
 * since) draws as the one that ran on.
 */
function longRunPopularity(s: MoviesState): AliasSampler {
  const sampler = new AliasSampler();
  const h = s.history;
  if (!h || h.count === 0) return sampler;
  const weights = new Float64Array(s.catalogue.count).fill(1);
  for (let i = 0; i < h.count; i++) weights[h.item[i]]++;
  sampler.rebuild(weights, weights.length);
  return sampler;
}
