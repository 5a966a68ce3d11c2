import { DAY_MS, Priority, startOfDay, type HandlerId } from '@prodsim/core';
import { CITY_ZONE, ZONE_OFFSETS } from '../world/places.js';
import { addSyntheticMovie } from '../world/synthetic-movies.js';
import { synthesizeAttributes, synthesizeTaste } from '../world/synthetic-users.js';
import { absorbPendingDrift, type MoviesState } from '../world/world-state.js';
import type { ScenarioHooks } from '../research/scenario-actions.js';
import type { RatingVisits } from './rating-visits.js';
import type { Sessions } from './sessions.js';
import { returnFactor } from './satisfaction.js';

/** New accounts and releases follow the audience's main zone (US Eastern) through the day. */
const MAIN_ZONE = Math.max(0, ZONE_OFFSETS.indexOf(-300));

/**
 * At each day start: decide which users are active and when (Poisson sessions around each
 * user's activity level, timed by the profile of their own time zone), which accounts are
 * created and which movies are released today.
 */
export class DayPlanner {
  private readonly ACCOUNT: HandlerId;
  private readonly RELEASE: HandlerId;
  private readonly FAKE_ACCOUNT: HandlerId;
  private readonly FAKE_RATING: HandlerId;
  private readonly fakeTargets = new Map<number, number>();
  private days = 0;

  constructor(
    private readonly s: MoviesState,
    private readonly sessions: Sessions,
    /** A MovieLens-fitted world's rating visits (rating-visits.ts); absent otherwise. */
    private readonly visits?: RatingVisits,
  ) {
    this.ACCOUNT = s.ctx.scheduler.register('create-account', (time, u) => this.createAccount(time, u));
    this.RELEASE = s.ctx.scheduler.register('release', (time) => this.release(time));
    this.FAKE_ACCOUNT = s.ctx.scheduler.register('fake-account', (time, u) => this.announceAccount(time, u));
    this.FAKE_RATING = s.ctx.scheduler.register('fake-rating', (time, u) => this.fakeRating(time, u));
  }

  plan(now: number): void {
    const s = this.s;
    const { population: pop, planning: rng, userPlanning, profile, ctx } = s;
    const day = startOfDay(now);
    const dayNumber = Math.floor(day / DAY_MS);
    const weekday = new Date(day).getUTCDay();
    if (this.days > 0 && s.truthUpdateDays > 0 && this.days % s.truthUpdateDays === 0) absorbPendingDrift(s);
    if (this.days++ > 0) s.popularity.decay();
    const scheduler = ctx.scheduler;
    const SESSION = this.sessions.SESSION;
    const n = s.created;
    const effect = s.config.satisfactionEffect;
    const visits = this.visits;
    // The day's sessions, millions in a large world, as one batch: they wait outside the queue,
    // sorted, and the run is the same as if each were queued here (Scheduler.plan). Room for the
    // mean of the users' log-normal activity in one step.
    const expected = n * s.config.sessionsPerDay * Math.exp(s.config.activitySpread ** 2 / 2);
    scheduler.plan(
      SESSION,
      (add) => {
        for (let u = 0; u < n; u++) {
          const zone = CITY_ZONE[pop.city[u]];
          // The user's plan for the day comes from their own keyed sequence (see MoviesState).
          const own = userPlanning.at(u, dayNumber);
          const k = own.poisson(pop.activity[u] * profile.factor(zone, weekday) * returnFactor(pop.mood[u], effect));
          for (let i = 0; i < k; i++) {
            const t = day + profile.drawOffset(zone, weekday, own);
            if (t >= now) add(t, u);
          }
          // Drawn after the sessions, so that a world without visits plans the same sessions.
          const ratings = visits === undefined ? 0 : visits.ratingsOn(u, dayNumber);
          if (ratings > 0) {
            const t = day + profile.drawOffset(zone, weekday, own);
            if (t >= now) visits!.plan(u, ratings, t, own);
          }
        }
      },
      { expected },
    );
    this.planAccounts(day, now, weekday);
    const releases = rng.poisson(s.config.releasesPerDay);
    for (const t of this.times(releases, day, now, weekday)) scheduler.at(t, this.RELEASE, 0, Priority.HIGH);
  }

  private planAccounts(day: number, now: number, weekday: number): void {
    const s = this.s;
    const expected = s.created * s.config.newAccountRate;
    if (expected <= 0) return;
    const times = this.times(s.planning.poisson(expected), day, now, weekday);
    if (times.length === 0) return;
    const from = this.grow(times.length);
    times.forEach((t, i) => s.ctx.scheduler.at(t, this.ACCOUNT, from + i, Priority.HIGH));
  }

  /** Adds `n` synthetic users (accounts not yet created); returns the first new index. */
  private grow(n: number): number {
    const s = this.s;
    const pop = s.population;
    const from = pop.count;
    const to = from + n;
    pop.ensureCapacity(to);
    s.truth.ensureUsers(to);
    synthesizeAttributes(pop, from, to, s.accounts, s.config);
    synthesizeTaste(pop, s.truth, from, to, s.accounts);
    // Indices are handed out in creation order, so "created so far" is a single counter.
    pop.count = to;
    return from;
  }

  /** Scenario hooks: releases, attacker accounts and their ratings, outside the daily plan. */
  readonly hooks: ScenarioHooks = {
    releaseNow: (time) => this.release(time),
    addAccounts: (time, n) => {
      const from = this.grow(n);
      for (let u = from; u < from + n; u++) this.s.ctx.scheduler.at(time, this.FAKE_ACCOUNT, u, Priority.HIGH);
      return from;
    },
    scheduleFakeRating: (time, user, movie) => {
      this.fakeTargets.set(user, movie);
      this.s.ctx.scheduler.at(time, this.FAKE_RATING, user);
    },
  };

  private times(n: number, day: number, now: number, weekday: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = day + this.s.profile.drawOffset(MAIN_ZONE, weekday, this.s.planning);
      if (t >= now && t < day + DAY_MS) out.push(t);
    }
    return out.sort((a, b) => a - b);
  }

  private createAccount(time: number, u: number): void {
    this.announceAccount(time, u);
    const s = this.s;
    this.visits?.signUp(u, time, s.accounts);
    // A new member usually looks for something to watch right away.
    s.ctx.scheduler.at(time + 30_000 + s.accounts.int(20 * 60_000), this.sessions.SESSION, u);
  }

  private announceAccount(time: number, u: number): void {
    const s = this.s;
    s.created = Math.max(s.created, u + 1);
    s.counters.accounts++;
    if (s.kinds.createAccount !== undefined) {
      const userId = String(u + 1);
      s.ctx.events.emit(s.kinds.createAccount, userId, s.lines.createAccount(time, userId));
    }
  }

  /** An attacker account gives its target the top rating (nothing in the ground truth changes). */
  private fakeRating(time: number, u: number): void {
    const s = this.s;
    const movie = this.fakeTargets.get(u)!;
    this.fakeTargets.delete(u);
    const userId = String(u + 1);
    s.counters.fakeRatings++;
    s.ctx.events.emit(s.kinds.rate, userId, s.lines.rate(time, userId, s.catalogue.slugs[movie], s.config.ratingScale));
    // On the record a rating is consumption (a MovieLens log is ratings), so learners that train on
    // observed interactions see it like any other; nothing was watched (0 minutes).
    s.ctx.observe.interaction(time, u, movie, false, 0, s.truth.score(u, movie, s.population, s.catalogue));
  }

  private release(time: number): void {
    const s = this.s;
    addSyntheticMovie(s.catalogue, s.truth, s.releases, time, time);
    s.samplerDirty = true;
    s.counters.releases++;
  }
}
