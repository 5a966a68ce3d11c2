import { CERT_R } from '../world/catalogue.js';
import { MAX_RECOMMENDATIONS } from '../recommend/recommend-endpoint.js';
import type { HandlerId, Outcome } from '@prodsim/core';
import type { RecommendResult } from '../recommend/recommend-endpoint.js';
import { UserState } from '../world/population.js';
import type { MoviesState } from '../world/world-state.js';
import type { Viewing } from './viewing.js';
import { countAttackedSlate } from '../research/movies-metrics.js';
import { ChoiceModel } from './choice-model.js';
import { EXPERIENCE_SD } from './rating-model.js';
import { NOTHING_TO_WATCH, nextMood, viewingValue } from './satisfaction.js';

const BINGE_LIFT = 1.5;

/**
 * A session: the user opens the service, which asks the `recommend` endpoint; at the decision
 * time (issue time + deadline) the request is logged, and the user looks down the list (a
 * cascade: each movie looked at is started with the ChoiceModel's chance; after passing one
 * over, the user goes on to the next with the ChoiceModel's go-on chance, so lower positions are
 * seen less, and a list that starts with poor movies is soon given up).
 * With nothing taken from the list (or no list: the service failed) the user browses the
 * catalogue with chance `browseProbability`, looking at up to `browseCandidates` movies drawn by
 * public popularity, or leaves. See domains/movies/README.md, "The user's choice".
 */
export class Sessions {
  readonly SESSION: HandlerId;
  private readonly choice: ChoiceModel;

  constructor(
    private readonly s: MoviesState,
    private readonly viewing: Viewing,
  ) {
    this.SESSION = s.ctx.scheduler.register('session', (time, u) => this.open(time, u));
    this.choice = new ChoiceModel(s);
    viewing.onDone = (time, u, margin, share) => this.afterViewing(time, u, margin, share);
    // Registered once, not passed per request: pending decisions can then be checkpointed.
    s.ctx.predictions.handle(s.recommend, (outcome, at, target, u) => this.decide(u, outcome, at, target));
  }

  private open(_time: number, u: number): void {
    const s = this.s;
    const pop = s.population;
    if (pop.state[u] !== UserState.IDLE) {
      // One movie at a time: a session planned while the user is still watching is dropped.
      s.counters.busy++;
      return;
    }
    s.counters.sessions++;
    pop.state[u] = UserState.CHOOSING;
    s.ctx.predictions.request(s.recommend, { userId: String(u + 1) }, u);
  }

  private decide(u: number, outcome: Outcome<RecommendResult>, time: number, target: string): void {
    const s = this.s;
    let recs: number[] | undefined;
    // The line shows the slate as served: the service's ids, or the attacked slate's.
    let served: readonly string[] | undefined;
    if (outcome.kind === 'ok') {
      s.counters.recommendationsOk++;
      recs = outcome.value.movies;
      served = outcome.value.ids;
      if (s.attacks.rToMinors > 0 && s.population.age[u] < 18) {
        const attacked = injectRRated(s, recs);
        if (attacked) {
          recs = attacked;
          served = attacked.map((m) => s.catalogue.slugs[m]);
        }
      }
      s.ctx.observe.slate(time, u, recs);
      countAttackedSlate(s, time, u, recs);
    } else s.counters.recommendationsFailed++;
    const events = s.ctx.events;
    // An experiment's world has nobody reading its lines: only count them there.
    if (events.reads(s.kinds.recommendation)) {
      const userId = String(u + 1);
      const result = outcome.kind === 'ok' ? (served ?? outcome.value.ids).join(', ') : outcome.error;
      events.emit(s.kinds.recommendation, userId, s.lines.recommendation(time, userId, target, outcome.status, result, outcome.latencyMs));
    } else events.discard(s.kinds.recommendation);
    this.choose(time, u, recs);
  }

  private choose(time: number, u: number, recs: number[] | undefined): void {
    const s = this.s;
    const { population: pop, config } = s;
    const behaviour = s.behaviour.of(u);
    const choice = this.choice;
    let best = -1;
    let fromRecs = false;
    if (recs !== undefined) {
      let goOn = 1;
      for (let i = 0; i < recs.length; i++) {
        if (i > 0 && behaviour.next() >= goOn) break;
        const margin = choice.margin(u, recs[i]);
        if (behaviour.next() < choice.startChance(u, recs[i], margin)) {
          best = recs[i];
          fromRecs = true;
          break;
        }
        goOn = choice.goOnChance(margin);
      }
    }
    if (best < 0 && behaviour.next() < config.browseProbability) {
      s.counters.browsed++;
      for (let i = 0; i < config.browseCandidates; i++) {
        const m = s.sampleMovie(behaviour);
        if (behaviour.next() < choice.startChance(u, m, choice.margin(u, m))) {
          best = m;
          break;
        }
      }
    }
    if (best < 0) {
      s.counters.nothingChosen++;
      pop.mood[u] = nextMood(pop.mood[u], NOTHING_TO_WATCH);
      pop.state[u] = UserState.IDLE;
      return;
    }
    s.counters.watches++;
    if (fromRecs) s.counters.watchesFromRecommendations++;
    s.popularity.recordWatch(best);
    pop.markWatched(u, best);
    const enjoyment = s.truth.score(u, best, pop, s.catalogue) + s.noise.of(u).normal(0, EXPERIENCE_SD);
    // Browsing, reading the blurb, the opening logo: the first minute comes a little later.
    this.viewing.start(time + 3_000 + s.behaviour.of(u).int(90_000), u, best, enjoyment, fromRecs);
  }

  /** After a viewing (and any rating): the mood moves, and a user who enjoyed it may start another. */
  private afterViewing(time: number, u: number, enjoymentMargin: number, shareSeen: number): void {
    const s = this.s;
    const pop = s.population;
    pop.mood[u] = nextMood(pop.mood[u], viewingValue(enjoymentMargin, shareSeen));
    // Binge: the user's own tendency, half as likely after a movie enjoyed a star below the bar,
    // at most BINGE_LIFT times as likely after a great one (a great run does not make a marathon).
    const chance = Math.min(0.9, pop.binge[u] * Math.min(BINGE_LIFT, 2 ** Math.max(-3, enjoymentMargin)));
    const rng = s.behaviour.of(u);
    if (rng.next() < chance) {
      s.counters.binges++;
      s.ctx.scheduler.at(time + 30_000 + rng.int(12 * 60_000), this.SESSION, u);
    }
  }
}
/**
 * The "R-rated movies recommended to minors" attack: for a share of minors' lists, the three most
 * popular R-rated movies go to the top (what the stream shows is what the user is offered).
 */
function injectRRated(s: MoviesState, recs: number[]): number[] | undefined {
  const rng = s.ctx.rng.stream('attacks');
  if (rng.next() >= s.attacks.rToMinors) return undefined;
  const cat = s.catalogue;
  const rated: number[] = [];
  for (let m = 0; m < cat.count; m++) if (cat.certificate[m] === CERT_R) rated.push(m);
  rated.sort((a, b) => cat.popularity[b] - cat.popularity[a] || a - b);
  const top = rated.slice(0, 3);
  s.counters.rToMinorsInjections++;
  return [...top, ...recs.filter((m) => !top.includes(m))].slice(0, MAX_RECOMMENDATIONS);
}
