import { s, type Infer, type Schema } from '@prodsim/core';
import { contractSchema, withContractProfile, type ContractProfile } from './contract/contract-profile.js';

const ratingScale = s.custom<5 | 10>(
  '5 (1-5 stars, the course until 2025) or 10 (1-10, the 2026 offering)',
  (v) => (v === 5 || v === '5' ? 5 : v === 10 || v === '10' ? 10 : undefined),
  { optional: true, description: "rating scale of GET /rate lines (default: the contract's, 5 for 2024, 10 for 2026)" },
);

/**
 * The movies domain's configuration. Defaults are calibrated so that a simulated month of users'
 * own discovery (under a random recommender, which they mostly pass over) resembles
 * ml-latest-small (`prodsim stats`), and so that recommenders are ranked as on real data
 * (`prodsim validate`); domains/movies/README.md says where each default comes from.
 */
const moviesFields = s.object({
  users: s.number({ default: 10_000, integer: true, min: 1, max: 50_000_000, description: 'simulated users at the start' }),
  movies: s.number({
    default: 5_000,
    integer: true,
    min: 20,
    max: 2_000_000,
    description: 'movies in a synthetic catalogue (a MovieLens source brings its own)',
  }),
  source: s.string({
    default: 'synthetic',
    minLength: 1,
    patternText: '"synthetic" or the path of a MovieLens directory (ml-100k, ml-1m, ml-latest or ml-latest-small)',
    description: 'where movies and the ground truth come from',
  }),
  topic: s.string({
    default: 'movielog1',
    pattern: /^[A-Za-z0-9._-]+$/,
    patternText: 'a topic name such as movielog1',
    description: 'stream topic (the course: movielog<N>)',
  }),
  // The course's contract (domains/movies/README.md, "Contracts"): each field below it left out
  // takes the contract's value; one set on its own wins.
  contract: contractSchema,
  ratingScale,
  createAccountLines: s.boolean({ optional: true, description: "emit GET /create_account lines when accounts are created (default: the contract's)" }),
  recommendDeadlineMs: s.number({
    optional: true,
    integer: true,
    min: 1,
    max: 60_000,
    description: "deadline of the recommend endpoint, ms (default: the contract's, 800 or 600; --deadline-ms overrides it)",
  }),
  selfDescriptions: s.boolean({ optional: true, description: "user JSON with self_description_likes and _dislikes (default: the contract's)" }),
  movieCost: s.boolean({ optional: true, description: "movie JSON with a per-view license cost (default: the contract's)" }),
  stringNumbers: s.boolean({ default: false, description: 'entity JSON with numbers as strings ("budget":"0"), as some course offerings served it' }),

  // Activity: sessions per user and day are log-normal across users (power users binge).
  sessionsPerDay: s.number({ default: 0.15, min: 0, max: 50, description: 'median sessions per user and day' }),
  activitySpread: s.number({ default: 1.6, min: 0, max: 4, description: 'sigma of log activity across users: the heavy tail' }),
  bingeProbability: s.number({
    default: 0.3,
    min: 0,
    max: 0.95,
    description: 'chance that a median user who enjoyed a movie as much as usual starts another one after it ends',
  }),

  // The user's choice (domains/movies/README.md, "The user's choice"): the recommended list is
  // scanned top down (a cascade); browsing the catalogue is the fallback; or the user leaves.
  attention: s.number({
    default: 0.8,
    min: 0,
    max: 1,
    description: 'chance that a user who passed over a recommendation goes on to look at the next one (position bias)',
  }),
  choiceThreshold: s.number({
    default: 1.4,
    min: -5,
    max: 5,
    description: 'stars above their own average a movie must promise (by the hidden truth) for a user to start it at even odds',
  }),
  choiceTemperature: s.number({
    default: 0.2,
    min: 0.01,
    max: 5,
    description: 'how sharply the chance to start a movie rises around the threshold (stars; logistic scale)',
  }),
  rewatchProbability: s.number({ default: 0.03, min: 0, max: 1, description: 'how much less likely a movie the user has already watched is started again' }),
  browseProbability: s.number({
    default: 0.7,
    min: 0,
    max: 1,
    description: 'chance that a user who took nothing from the list browses the catalogue instead of leaving',
  }),
  browseCandidates: s.number({
    default: 25,
    integer: true,
    min: 0,
    max: 1000,
    description: 'movies a browsing user looks at, drawn by public popularity, before giving up',
  }),
  popularityExponent: s.number({ default: 1.6, min: 0, max: 3, description: 'how strongly what a browsing user comes across follows public popularity' }),
  satisfactionEffect: s.number({
    default: 0.4,
    min: 0,
    max: 5,
    description: 'how strongly recent satisfaction (what users enjoyed, or sessions with nothing to watch) changes how often they come back',
  }),

  // The hidden ground truth.
  momentum: s.number({
    default: 0.5,
    min: 0,
    max: 5,
    description: 'stars a movie gains for a user for being like the one they started last (cosine of the hidden movie factors): viewing has a sequence',
  }),
  idiosyncrasy: s.number({
    default: 0.3,
    min: 0,
    max: 3,
    description: "sd (stars) of the part of each user's taste for each movie that nothing else predicts: users disagree about single movies",
  }),
  ratingNoise: s.number({ default: 0.65, min: 0, max: 5, description: 'sd of the noise on the true rating a user gives' }),
  minorsPreferR: s.number({ default: 0.4, min: -5, max: 5, description: 'stars minors (under 18) add to R-rated movies: an injected bias' }),
  driftRate: s.number({
    default: 0.03,
    min: 0,
    max: 1,
    description: 'how far each watched movie pulls the user toward its genres and factors (the feedback loop)',
  }),
  truthUpdateDays: s.number({
    default: 0,
    integer: true,
    min: 0,
    max: 365,
    description:
      'how often the hidden ground truth absorbs what users watched: 0 = after every viewing; N = in one batch every N days (the original simulator updated its model occasionally)',
  }),
  rateProbability: s.number({ default: 0.6, min: 0, max: 1, description: 'chance of rating a movie watched to the end and loved' }),

  // A changing world.
  releasesPerDay: s.number({ default: 2, min: 0, max: 10_000, description: 'new movies released per simulated day' }),
  newAccountRate: s.number({ default: 0.002, min: 0, max: 1, description: 'new accounts per day, as a share of users' }),

  // MovieLens sources: the biased matrix factorisation fitted to the real ratings.
  fitFactors: s.number({ default: 8, integer: true, min: 1, max: 64, description: 'latent factors fitted to MovieLens ratings' }),
  fitEpochs: s.number({ default: 25, integer: true, min: 1, max: 500, description: 'SGD epochs of the fit' }),
  fitChoiceWeight: s.number({
    default: 0.6,
    min: 0,
    max: 5,
    description: 'stars per sd of the implicit model of which movies users rate (what they choose to watch), added to the fitted rating model',
  }),
  ratingVisits: s.boolean({
    default: true,
    description:
      "users also rate movies they saw elsewhere, in visits on the days their source user rated (MovieLens is a rating site; see domains/movies/README.md, 'Rating visits')",
  }),
  fitSelectionShift: s.number({
    default: 1.6,
    min: -3,
    max: 5,
    description:
      "stars by which the hidden truth's mean sits below the dataset's mean rating: users rate what they chose, which they like more than a random movie",
  }),
});

/** The configuration as the world reads it: every contract field settled. */
export type MoviesConfig = Omit<Infer<typeof moviesFields>, keyof ContractProfile> & ContractProfile;

/** Parses the movies section and fills what the chosen contract implies. */
export const moviesConfigSchema: Schema<MoviesConfig> = withContractProfile(moviesFields);
