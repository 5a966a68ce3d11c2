import type { HandlerId } from '@prodsim/core';
import { countWatch } from '../research/movies-metrics.js';
import { UserState, VIEWING, VIEWING_STRIDE } from '../world/population.js';
import type { MoviesState } from '../world/world-state.js';
import { rateChance, ratingValue, stopHazard, type RatingModelOptions } from './rating-model.js';

const MINUTE_MS = 60_000;
/** Mean minute lines between interruptions (a pause or a rewind). */
const INTERRUPT_EVERY = 45;
const PAUSE_SHARE = 0.6;
const MAX_LINES = 65_535;

/**
 * Watching: one scheduler event per minute line (handler arg = user index), with per-user state
 * in typed arrays. When the user will give up and when the next interruption comes are drawn
 * once at the start (geometric), so a minute costs no random draw: the hot path of the world.
 * (A research mode that logs one `choice` event per viewing instead of minute lines would
 * replace `start` and skip the minute handler; the choice and the rating model stay as they are.)
 */
export class Viewing {
  private readonly MINUTE: HandlerId;
  private readonly RATE: HandlerId;
  private readonly ratingOptions: RatingModelOptions;
  /**
   * Called when a viewing (and any rating) is over, with how much more the movie was enjoyed
   * than the user's bar to start one (stars) and the share of it seen: the mood and binges.
   */
  onDone: (time: number, user: number, enjoymentMargin: number, shareSeen: number) => void = () => {};

  constructor(private readonly s: MoviesState) {
    this.MINUTE = s.ctx.scheduler.register('watch-minute', (time, u) => this.minute(time, u));
    this.RATE = s.ctx.scheduler.register('rate', (time, u) => this.rate(time, u));
    this.ratingOptions = { rateProbability: s.config.rateProbability, ratingNoise: s.config.ratingNoise, ratingScale: s.config.ratingScale };
  }

  /** Starts watching `movie` at `time`; `enjoyment` is the true rating as this user will experience it. */
  start(time: number, u: number, movie: number, enjoyment: number, fromRecommendation: boolean): void {
    const pop = this.s.population;
    const behaviour = this.s.behaviour.of(u);
    pop.state[u] = UserState.WATCHING;
    pop.lastWatched[u] = movie + 1;
    pop.maxMinute[u] = 0;
    pop.enjoy[u] = enjoyment;
    pop.fromRecommendation[u] = fromRecommendation ? 1 : 0;
    pop.stopAt[u] = geometric(stopHazard(enjoyment - this.bar(u)), behaviour.next());
    pop.breakAt[u] = geometric(1 / INTERRUPT_EVERY, behaviour.next());
    const v = pop.viewing;
    const r = u * VIEWING_STRIDE;
    v[r + VIEWING.movie] = movie;
    v[r + VIEWING.minute] = 1;
    v[r + VIEWING.line] = 0;
    v[r + VIEWING.nextAt] = Math.min(pop.stopAt[u], pop.breakAt[u]);
    this.s.ctx.scheduler.at(time, this.MINUTE, u);
  }

  /** What it takes for this user to start a movie at even odds (stars): their average plus the threshold. */
  private bar(u: number): number {
    return this.s.truth.mu + this.s.truth.userBias[u] + this.s.config.choiceThreshold;
  }

  /**
   * One minute line: the hot path. It touches only the user's viewing record, then either asks
   * for the next minute or, on the line the record says something else happens (the end of the
   * movie, stopping early, a pause or rewind), hands over to the colder state.
   */
  private minute(time: number, u: number): void {
    const s = this.s;
    const v = s.population.viewing;
    const r = u * VIEWING_STRIDE;
    const m = v[r + VIEWING.movie];
    const minute = v[r + VIEWING.minute];
    const userId = String(u + 1);
    s.ctx.events.emit(s.kinds.watch, userId, s.lines.watch(time, userId, s.catalogue.slugs[m], minute));
    s.counters.minuteLines++;
    if (minute >= s.catalogue.runtime[m]) {
      this.finish(time, u, true);
      return;
    }
    const line = ++v[r + VIEWING.line];
    if (line === v[r + VIEWING.nextAt]) {
      // Stopping early comes first when both fall on this line.
      if (line === s.population.stopAt[u]) {
        this.finish(time, u, false);
        return;
      }
      this.interrupt(time, u);
      return;
    }
    v[r + VIEWING.minute] = minute + 1;
    s.ctx.scheduler.at(time + MINUTE_MS, this.MINUTE, u);
  }

  /** A pause (resume later, at the next minute) or a rewind (request earlier minutes again). */
  private interrupt(time: number, u: number): void {
    const s = this.s;
    const pop = s.population;
    const v = pop.viewing;
    const rec = u * VIEWING_STRIDE;
    const minute = v[rec + VIEWING.minute];
    if (minute > pop.maxMinute[u]) pop.maxMinute[u] = minute;
    const r = s.behaviour.of(u);
    const line = v[rec + VIEWING.line];
    pop.breakAt[u] = line + geometric(1 / INTERRUPT_EVERY, r.next());
    v[rec + VIEWING.nextAt] = Math.min(pop.stopAt[u], pop.breakAt[u]);
    if (r.next() < PAUSE_SHARE) {
      s.counters.pauses++;
      v[rec + VIEWING.minute] = minute + 1;
      // Mostly a few minutes, sometimes hours (dinner, bedtime); capped at half a day.
      const pauseMs = Math.min(12 * 3_600_000, Math.exp(r.normal(Math.log(6 * MINUTE_MS), 1.3)));
      s.ctx.scheduler.at(time + MINUTE_MS + Math.round(pauseMs), this.MINUTE, u);
    } else {
      s.counters.rewinds++;
      v[rec + VIEWING.minute] = Math.max(1, minute - 1 - r.int(5));
      s.ctx.scheduler.at(time + 5_000 + r.int(20_000), this.MINUTE, u);
    }
  }

  private finish(time: number, u: number, completed: boolean): void {
    const s = this.s;
    const pop = s.population;
    const rec = u * VIEWING_STRIDE;
    const m = pop.viewing[rec + VIEWING.movie];
    // The current minute was the last one requested: it may be above the highest before a rewind.
    const minute = pop.viewing[rec + VIEWING.minute];
    if (minute > pop.maxMinute[u]) pop.maxMinute[u] = minute;
    if (completed) s.counters.completed++;
    else s.counters.stoppedEarly++;
    const share = Math.min(1, pop.maxMinute[u] / s.catalogue.runtime[m]);
    // For experiments' metrics only (a no-op otherwise): minutes watched and the true value.
    s.ctx.observe.interaction(time, u, m, pop.fromRecommendation[u] === 1, pop.maxMinute[u], s.truth.score(u, m, pop, s.catalogue));
    countWatch(s, time, u, m);
    if (s.truthUpdateDays === 0) s.truth.drift(u, m, s.config.driftRate * share, s.catalogue);
    else {
      s.pendingDrift.users.push(u);
      s.pendingDrift.movies.push(m);
      s.pendingDrift.weights.push(s.config.driftRate * share);
    }
    const enjoyment = pop.enjoy[u];
    pop.shareSeen[u] = share;
    const rng = s.behaviour.of(u);
    if (rng.next() < rateChance(enjoyment, share, this.ratingOptions)) {
      pop.state[u] = UserState.RATING;
      pop.pendingRating[u] = ratingValue(enjoyment, s.noise.of(u).normal(0, this.ratingOptions.ratingNoise), this.ratingOptions.ratingScale);
      s.ctx.scheduler.at(time + 5_000 + rng.int(115_000), this.RATE, u);
      return;
    }
    pop.state[u] = UserState.IDLE;
    this.onDone(time, u, enjoyment - this.bar(u), share);
  }

  private rate(time: number, u: number): void {
    const s = this.s;
    const pop = s.population;
    const value = pop.pendingRating[u];
    const userId = String(u + 1);
    s.ctx.events.emit(s.kinds.rate, userId, s.lines.rate(time, userId, s.catalogue.slugs[pop.viewing[u * VIEWING_STRIDE + VIEWING.movie]], value));
    s.counters.ratings++;
    s.counters.ratingSum += value;
    pop.state[u] = UserState.IDLE;
    this.onDone(time, u, pop.enjoy[u] - this.bar(u), pop.shareSeen[u]);
  }
}

/** Trials until the first success with chance p each (at least 1), from one uniform draw. */
export function geometric(p: number, uniform: number): number {
  if (p >= 1) return 1;
  const n = Math.ceil(Math.log(1 - uniform) / Math.log(1 - p));
  return Math.max(1, Math.min(MAX_LINES, n));
}
