import type { HandlerId } from '@prodsim/core';
import { countWatch } from '../research/movies-metrics.js';
import { UserState } from '../world/population.js';
import { VIEWER, VIEWER_MARK, VIEWER_STRIDE, VIEWER_VALUE } from '../world/viewers.js';
import type { MoviesState } from '../world/world-state.js';
import { rateChance, ratingValue, stopHazard, type RatingModelOptions } from './rating-model.js';

const MINUTE_MS = 60_000;
/** Mean minute lines between interruptions (a pause or a rewind). */
const INTERRUPT_EVERY = 45;
const PAUSE_SHARE = 0.6;
const MAX_LINES = 65_535;

/**
 * Watching: one scheduler event per minute line (handler arg = the viewing's record in
 * `population.viewers`), its state in that record. When the user will give up and when the next
 * interruption comes are drawn once at the start (geometric), so a minute costs no random draw:
 * the hot path of the world.
 *
 * A world observed for research (an experiment, the gym, a run with a baseline) whose minute
 * lines nobody reads passes over the plain minutes between two that matter (the end, stopping
 * early, a pause or rewind) in one event: they were 95% of a filter-bubble world's events and
 * change nothing but the viewing's counters, which are advanced as if each had run (their lines
 * are counted as discarded when they are passed over, never past the run's end time; a run that
 * an event budget stops early may have counted some still to come). A reader that arrives
 * meanwhile gets the lines of such a viewing from its next minute that matters on.
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
  /** Whether the user rates what they watch at all (rating-visits.ts); everyone does when absent. */
  ratesAfterViewing: ((user: number) => boolean) | undefined;
  /** Whether plain minutes nobody reads pass as one event (a world observed for research: see above). */
  private readonly passesUnread: boolean;

  constructor(private readonly s: MoviesState) {
    this.passesUnread = s.ctx.research;
    this.MINUTE = s.ctx.scheduler.register('watch-minute', (time, u) => this.minute(time, u));
    this.RATE = s.ctx.scheduler.register('rate', (time, u) => this.rate(time, u));
    this.ratingOptions = { rateProbability: s.config.rateProbability, ratingNoise: s.config.ratingNoise, ratingScale: s.config.ratingScale };
  }

  /** Starts watching `movie` at `time`; `enjoyment` is the true rating as this user will experience it. */
  start(time: number, u: number, movie: number, enjoyment: number, fromRecommendation: boolean): void {
    const pop = this.s.population;
    const viewers = pop.viewers;
    const behaviour = this.s.behaviour.of(u);
    pop.state[u] = UserState.WATCHING;
    pop.lastWatched[u] = movie + 1;
    const record = viewers.open(u);
    viewers.setValue(record, VIEWER_VALUE.enjoy, enjoyment);
    viewers.setMark(record, VIEWER_MARK.fromRecommendation, fromRecommendation ? 1 : 0);
    viewers.setMark(record, VIEWER_MARK.pendingRating, 0);
    const stopAt = geometric(stopHazard(enjoyment - this.bar(u)), behaviour.next());
    const breakAt = geometric(1 / INTERRUPT_EVERY, behaviour.next());
    const v = viewers.records;
    const r = record * VIEWER_STRIDE;
    v[r + VIEWER.movie] = movie;
    v[r + VIEWER.minute] = 1;
    v[r + VIEWER.line] = 0;
    v[r + VIEWER.stopAt] = stopAt;
    v[r + VIEWER.breakAt] = breakAt;
    v[r + VIEWER.nextAt] = Math.min(stopAt, breakAt);
    v[r + VIEWER.maxMinute] = 0;
    this.s.ctx.scheduler.at(time, this.MINUTE, record);
  }

  /** What it takes for this user to start a movie at even odds (stars): their average plus the threshold. */
  private bar(u: number): number {
    return this.s.truth.mu + this.s.truth.userBias[u] + this.s.config.choiceThreshold;
  }

  /**
   * One minute line: the hot path. It touches only the viewing's record, then either asks for
   * the next minute or, on the line the record says something else happens (the end of the
   * movie, stopping early, a pause or rewind), hands over to the colder state.
   */
  private minute(time: number, record: number): void {
    const s = this.s;
    const v = s.population.viewers.records;
    const r = record * VIEWER_STRIDE;
    const m = v[r + VIEWER.movie];
    const minute = v[r + VIEWER.minute];
    const events = s.ctx.events;
    // An experiment's world has nobody reading its minute lines: writing them was a sixth of its time.
    if (events.reads(s.kinds.watch)) {
      const userId = String(v[r + VIEWER.user] + 1);
      events.emit(s.kinds.watch, userId, s.lines.watch(time, userId, s.catalogue.slugs[m], minute));
    } else events.discard(s.kinds.watch);
    s.counters.minuteLines++;
    if (minute >= s.catalogue.runtime[m]) {
      this.finish(time, record, true);
      return;
    }
    const line = ++v[r + VIEWER.line];
    if (line === v[r + VIEWER.nextAt]) {
      // Stopping early comes first when both fall on this line.
      if (line === v[r + VIEWER.stopAt]) {
        this.finish(time, record, false);
        return;
      }
      this.interrupt(time, record);
      return;
    }
    // The next minute that matters is the end or the line of the next interruption (or stop);
    // minutes past the run's end are never passed over, so they are never counted.
    const ahead = this.passesUnread
      ? Math.min(s.catalogue.runtime[m] - minute, v[r + VIEWER.nextAt] - line, Math.floor((s.ctx.endTime - time) / MINUTE_MS))
      : 1;
    if (ahead > 1 && !events.reads(s.kinds.watch)) {
      events.discard(s.kinds.watch, ahead - 1);
      s.counters.minuteLines += ahead - 1;
      v[r + VIEWER.line] = line + ahead - 1;
      v[r + VIEWER.minute] = minute + ahead;
      s.ctx.scheduler.at(time + ahead * MINUTE_MS, this.MINUTE, record);
      return;
    }
    v[r + VIEWER.minute] = minute + 1;
    s.ctx.scheduler.at(time + MINUTE_MS, this.MINUTE, record);
  }

  /** A pause (resume later, at the next minute) or a rewind (request earlier minutes again). */
  private interrupt(time: number, record: number): void {
    const s = this.s;
    const v = s.population.viewers.records;
    const r = record * VIEWER_STRIDE;
    const minute = v[r + VIEWER.minute];
    if (minute > v[r + VIEWER.maxMinute]) v[r + VIEWER.maxMinute] = minute;
    const rng = s.behaviour.of(v[r + VIEWER.user]);
    const line = v[r + VIEWER.line];
    v[r + VIEWER.breakAt] = line + geometric(1 / INTERRUPT_EVERY, rng.next());
    v[r + VIEWER.nextAt] = Math.min(v[r + VIEWER.stopAt], v[r + VIEWER.breakAt]);
    if (rng.next() < PAUSE_SHARE) {
      s.counters.pauses++;
      v[r + VIEWER.minute] = minute + 1;
      // Mostly a few minutes, sometimes hours (dinner, bedtime); capped at half a day.
      const pauseMs = Math.min(12 * 3_600_000, Math.exp(rng.normal(Math.log(6 * MINUTE_MS), 1.3)));
      s.ctx.scheduler.at(time + MINUTE_MS + Math.round(pauseMs), this.MINUTE, record);
    } else {
      s.counters.rewinds++;
      v[r + VIEWER.minute] = Math.max(1, minute - 1 - rng.int(5));
      s.ctx.scheduler.at(time + 5_000 + rng.int(20_000), this.MINUTE, record);
    }
  }

  private finish(time: number, record: number, completed: boolean): void {
    const s = this.s;
    const pop = s.population;
    const viewers = pop.viewers;
    const v = viewers.records;
    const r = record * VIEWER_STRIDE;
    const u = v[r + VIEWER.user];
    const m = v[r + VIEWER.movie];
    // The current minute was the last one requested: it may be above the highest before a rewind.
    const minute = v[r + VIEWER.minute];
    if (minute > v[r + VIEWER.maxMinute]) v[r + VIEWER.maxMinute] = minute;
    const maxMinute = v[r + VIEWER.maxMinute];
    if (completed) s.counters.completed++;
    else s.counters.stoppedEarly++;
    const share = Math.min(1, maxMinute / s.catalogue.runtime[m]);
    // For experiments' metrics only (a no-op otherwise): minutes watched and the true value.
    s.ctx.observe.interaction(time, u, m, viewers.mark(record, VIEWER_MARK.fromRecommendation) === 1, maxMinute, s.truth.score(u, m, pop, s.catalogue));
    countWatch(s, time, u, m);
    if (s.truthUpdateDays === 0) s.truth.drift(u, m, s.config.driftRate * share, s.catalogue);
    else {
      s.pendingDrift.users.push(u);
      s.pendingDrift.movies.push(m);
      s.pendingDrift.weights.push(s.config.driftRate * share);
    }
    const enjoyment = viewers.value(record, VIEWER_VALUE.enjoy);
    viewers.setValue(record, VIEWER_VALUE.shareSeen, share);
    const rng = s.behaviour.of(u);
    const rates = this.ratesAfterViewing === undefined || this.ratesAfterViewing(u);
    if (rng.next() < rateChance(enjoyment, share, this.ratingOptions) && rates) {
      pop.state[u] = UserState.RATING;
      viewers.setMark(
        record,
        VIEWER_MARK.pendingRating,
        ratingValue(enjoyment, s.noise.of(u).normal(0, this.ratingOptions.ratingNoise), this.ratingOptions.ratingScale),
      );
      s.ctx.scheduler.at(time + 5_000 + rng.int(115_000), this.RATE, record);
      return;
    }
    pop.state[u] = UserState.IDLE;
    viewers.close(record);
    this.onDone(time, u, enjoyment - this.bar(u), share);
  }

  private rate(time: number, record: number): void {
    const s = this.s;
    const pop = s.population;
    const viewers = pop.viewers;
    const u = viewers.user(record);
    const value = viewers.mark(record, VIEWER_MARK.pendingRating);
    const userId = String(u + 1);
    s.ctx.events.emit(s.kinds.rate, userId, s.lines.rate(time, userId, s.catalogue.slugs[viewers.records[record * VIEWER_STRIDE + VIEWER.movie]], value));
    s.counters.ratings++;
    s.counters.ratingSum += value;
    pop.state[u] = UserState.IDLE;
    const enjoyment = viewers.value(record, VIEWER_VALUE.enjoy);
    const share = viewers.value(record, VIEWER_VALUE.shareSeen);
    viewers.close(record);
    this.onDone(time, u, enjoyment - this.bar(u), share);
  }
}

/** Trials until the first success with chance p each (at least 1), from one uniform draw. */
export function geometric(p: number, uniform: number): number {
  if (p >= 1) return 1;
  const n = Math.ceil(Math.log(1 - uniform) / Math.log(1 - p));
  return Math.max(1, Math.min(MAX_LINES, n));
}
