import type { MoviesState } from '../world/world-state.js';

/**
 * Whether a user who looks at a movie starts it. The chance rises with what the movie is worth
 * to this user under the hidden truth, measured against the user's own average (mu + user bias:
 * a harsh rater's "good" is lower than a generous one's), on a logistic curve:
 *
 *   P(start) = 1 / (1 + exp(-(truth - average - threshold) / temperature))
 *
 * times `rewatchProbability` for a movie the user has already seen. With the defaults a movie a
 * star above the user's average starts at even odds, one at their average about 1 in 150, so a
 * list of movies drawn at random from the catalogue is mostly passed over, and one of movies
 * picked for this user mostly is not.
 */
/** Stars below the bar at which a movie passed over halves the chance of looking further down the list. */
const GIVE_UP_AT = 1.0;
const GIVE_UP_SPREAD = 0.4;

export class ChoiceModel {
  private readonly threshold: number;
  private readonly temperature: number;
  private readonly rewatch: number;
  private readonly attention: number;

  constructor(private readonly s: MoviesState) {
    this.threshold = s.config.choiceThreshold;
    this.temperature = s.config.choiceTemperature;
    this.rewatch = s.config.rewatchProbability;
    this.attention = s.config.attention;
  }

  /** The user's average true rating: the reference for "good for them". */
  average(u: number): number {
    return this.s.truth.mu + this.s.truth.userBias[u];
  }

  /** How far the movie is above what it takes for this user to start it at even odds (stars). */
  margin(u: number, m: number): number {
    const { truth, population, catalogue } = this.s;
    return truth.score(u, m, population, catalogue) - this.average(u) - this.threshold;
  }

  /** Chance that user `u`, looking at movie `m` (`margin` = this.margin(u, m)), starts it. */
  startChance(u: number, m: number, margin: number): number {
    const p = 1 / (1 + Math.exp(-margin / this.temperature));
    return this.s.population.hasWatched(u, m) ? p * this.rewatch : p;
  }

  /**
   * Chance of looking at the next movie of a list after passing one over: `attention` after a
   * near miss, less the poorer the movie passed over was, so a list is judged by its first
   * movies and a poor one is soon left for browsing (GIVE_UP_AT stars below the bar: half).
   */
  goOnChance(margin: number): number {
    return this.attention / (1 + Math.exp(-(margin + GIVE_UP_AT) / GIVE_UP_SPREAD));
  }
}
