import { CERT_R } from '../world/catalogue.js';
import { MAX_RECOMMENDATIONS } from '../recommend/recommend-endpoint.js';
import type { HandlerId, Outcome } from '@prodsim/core';
import type { RecommendResult } from '../recommend/recommend-endpoint.js';
import { UserState } from '../world/population.js';
import type { MoviesState } from '../world/world-state.js';
import type { Viewing } from './viewing.js';

/** Chance that a movie the user has already seen is considered again. */
const REWATCH = 0.03;
/**
 * Chance that a recommended movie already on the user's previous list (and not picked then) is
 * passed over: a list that never changes stops being looked at (recommendation fatigue).
 */
const PASS_OVER_SHOWN = 0.95;
/** Sd of how a movie turns out for the user, around the true rating. */
const EXPERIENCE_SD = 0.6;

/**
 * A session: the user opens the service, which asks the `recommend` endpoint; at the decision
 * time (issue time + deadline) the request is logged, and the user picks, among the recommended
 * movies plus a random sample of others that come to mind, the one with the highest true rating
 * after noise and a bonus for recommended ones (the 2019 paper's rule). Then they watch.
 */
export class Sessions {
  readonly SESSION: HandlerId;

  constructor(
    private readonly s: MoviesState,
    private readonly viewing: Viewing,
  ) {
    this.SESSION = s.ctx.scheduler.register('session', (time, u) => this.open(time, u));
    viewing.onDone = (time, u) => this.afterViewing(time, u);
  }

  private open(time: number, u: number): void {
    const s = this.s;
    const pop = s.population;
    if (pop.state[u] !== UserState.IDLE) {
      // One movie at a time: a session planned while the user is still watching is dropped.
      s.counters.busy++;
      return;
    }
    s.counters.sessions++;
    pop.state[u] = UserState.CHOOSING;
    s.ctx.predictions.request(s.recommend, { userId: String(u + 1) }, u, (outcome, at, target) => this.decide(u, outcome, at, target));
  }

  private decide(u: number, outcome: Outcome<RecommendResult>, time: number, target: string): void {
    const s = this.s;
    const userId = String(u + 1);
    let recs: number[] | undefined;
    let result: string;
    if (outcome.kind === 'ok') {
      s.counters.recommendationsOk++;
      recs = outcome.value.movies;
      result = outcome.value.ids.join(', ');
      if (s.attacks.rToMinors > 0 && s.population.age[u] < 18) {
        const attacked = injectRRated(s, recs);
        if (attacked) {
          recs = attacked;
          result = attacked.map((m) => s.catalogue.slugs[m]).join(', ');
        }
      }
      s.ctx.observe.slate(time, u, recs);
    } else {
      s.counters.recommendationsFailed++;
      result = outcome.error;
    }
    s.ctx.events.emit(s.kinds.recommendation, userId, s.lines.recommendation(time, userId, target, outcome.status, result, outcome.latencyMs));
    this.choose(time, u, recs);
  }

  private choose(time: number, u: number, recs: number[] | undefined): void {
    const s = this.s;
    const { population: pop, catalogue: cat, truth, behaviour, noise, config } = s;
    let best = -1;
    let bestValue = -Infinity;
    let bestFromRecs = false;
    if (recs !== undefined) {
      for (let i = 0; i < recs.length; i++) {
        const m = recs[i];
        if (pop.wasShown(u, m) && behaviour.next() < PASS_OVER_SHOWN) continue;
        if (pop.hasWatched(u, m) && behaviour.next() >= REWATCH) continue;
        const v = truth.score(u, m, pop, cat) + config.recommendationBonus + noise.normal(0, config.choiceNoise);
        if (v > bestValue) (bestValue = v), (best = m), (bestFromRecs = true);
      }
    }
    for (let i = 0; i < config.candidateSample; i++) {
      const m = s.sampleMovie();
      if (pop.hasWatched(u, m) && behaviour.next() >= REWATCH) continue;
      const v = truth.score(u, m, pop, cat) + noise.normal(0, config.choiceNoise);
      if (v > bestValue) (bestValue = v), (best = m), (bestFromRecs = false);
    }
    if (recs !== undefined) pop.rememberSlate(u, recs);
    if (best < 0) {
      s.counters.nothingChosen++;
      pop.state[u] = UserState.IDLE;
      return;
    }
    s.counters.watches++;
    if (bestFromRecs) s.counters.watchesFromRecommendations++;
    s.popularity.recordWatch(best);
    pop.markWatched(u, best);
    const enjoyment = truth.score(u, best, pop, cat) + noise.normal(0, EXPERIENCE_SD);
    // Browsing, reading the blurb, the opening logo: the first minute comes a little later.
    this.viewing.start(time + 3_000 + behaviour.int(90_000), u, best, enjoyment, bestFromRecs);
  }

  private afterViewing(time: number, u: number): void {
    const s = this.s;
    if (s.behaviour.next() < s.population.binge[u]) {
      s.counters.binges++;
      s.ctx.scheduler.at(time + 30_000 + s.behaviour.int(12 * 60_000), this.SESSION, u);
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
