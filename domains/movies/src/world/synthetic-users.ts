import type { RandomStream } from '@prodsim/core';
import { GENRE_COUNT } from '../genres.js';
import { Cumulative } from './cumulative.js';
import { AGE_BANDS, AGE_GENRE_EFFECT, GENDER_GENRE_EFFECT, OCC_COLLEGE, OCC_K12, OCC_RETIRED, OCCUPATION_WEIGHTS, ageGroup } from './demographics.js';
import type { GroundTruth } from './ground-truth.js';
import { CITIES } from './places.js';
import type { Population } from './population.js';

const cityPick = new Cumulative(CITIES.map((c) => c.weight));
const bandPick = new Cumulative(AGE_BANDS.map((b) => b.weight));
const occupationPick = new Cumulative(OCCUPATION_WEIGHTS as number[]);

export interface UserTraits {
  sessionsPerDay: number;
  activitySpread: number;
  bingeProbability: number;
}

/** Hidden taste spreads, in stars. */
export const USER_BIAS_SD = 0.55;
export const USER_GENRE_SD = 0.3;
export const FACTOR_SD = 0.5;

/**
 * Public attributes of users [from, to): age, gender, occupation (consistent with age), city,
 * and activity: log-normal sessions per day, so a few power users watch far more than most.
 */
export function synthesizeAttributes(pop: Population, from: number, to: number, rng: RandomStream, traits: UserTraits): void {
  for (let u = from; u < to; u++) {
    const band = AGE_BANDS[bandPick.pick(rng)];
    const age = band.lo + rng.int(band.hi - band.lo);
    pop.age[u] = age;
    pop.gender[u] = rng.next() < 0.5 ? 0 : 1;
    let occ: number;
    if (age < 18) occ = OCC_K12;
    else if (age < 25 && rng.next() < 0.6) occ = OCC_COLLEGE;
    else if (age >= 65 && rng.next() < 0.75) occ = OCC_RETIRED;
    else occ = occupationPick.pick(rng);
    pop.occupation[u] = occ;
    pop.city[u] = cityPick.pick(rng);
    assignActivity(pop, u, rng, traits);
  }
}

export function assignActivity(pop: Population, u: number, rng: RandomStream, traits: UserTraits): void {
  setActivity(pop, u, Math.exp(traits.activitySpread * rng.normal()), traits);
}

/** `relative` is the user's activity relative to the median user. */
export function setActivity(pop: Population, u: number, relative: number, traits: UserTraits): void {
  pop.activity[u] = traits.sessionsPerDay * relative;
  // Power users binge more: the chance grows slowly with activity.
  pop.binge[u] = Math.min(0.9, traits.bingeProbability * relative ** 0.15);
}

/** Hidden taste of users [from, to): bias, latent factors, and genre affinity with demographic effects. */
export function synthesizeTaste(pop: Population, truth: GroundTruth, from: number, to: number, rng: RandomStream): void {
  const k = truth.k;
  for (let u = from; u < to; u++) {
    truth.userBias[u] = rng.normal(0, USER_BIAS_SD);
    for (let i = 0; i < k; i++) truth.userFactors[u * k + i] = rng.normal(0, FACTOR_SD);
    const age = AGE_GENRE_EFFECT[ageGroup(pop.age[u])];
    const gender = GENDER_GENRE_EFFECT[pop.gender[u]];
    for (let g = 0; g < GENRE_COUNT; g++) truth.genreAffinity[u * GENRE_COUNT + g] = age[g] + gender[g] + rng.normal(0, USER_GENRE_SD);
  }
}
