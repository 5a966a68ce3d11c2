import {
  PublicCatalog,
  type DomainContext,
  type DomainWorld,
  type PredictionEndpoint,
  type Predictor,
  type ResearchProbe,
  type RouteDeclaration,
} from '@prodsim/core';
import { contractSummary, contractViews } from './contract/contract-views.js';
import { moviesProbe } from './research/movies-probe.js';
import { applyMoviesScenario } from './research/scenario-actions.js';
import { GENRE_COUNT } from './genres.js';
import { DayPlanner } from './behaviour/day-planner.js';
import { RatingVisits } from './behaviour/rating-visits.js';
import { Sessions } from './behaviour/sessions.js';
import { Viewing } from './behaviour/viewing.js';
import type { MoviesConfig } from './config.js';
import type { PopularityTracker } from './recommend/popularity-tracker.js';
import { popularityRecommender, type RecommenderSource } from './recommend/recommenders.js';
import type { Catalogue } from './world/catalogue.js';
import type { WorldStores } from './world/build-synthetic.js';
import { movieCollection, userCollection } from './world/entity-views.js';
import type { GroundTruth } from './world/ground-truth.js';
import type { Population } from './world/population.js';
import { MoviesState, type Counters } from './world/world-state.js';
import { restoreMovies, snapshotMovies } from './world/movies-snapshot.js';

/** Hidden state, for experiments and tests that measure the feedback loop. Never public. */
export interface MoviesResearchView {
  population: Population;
  truth: GroundTruth;
  catalogue: Catalogue;
  counters: Counters;
}

/**
 * A movie-streaming world: the public catalogue (users, movies), the `recommend` endpoint, and
 * the behaviour that turns the hidden ground truth into the course's stream.
 */
export class MoviesWorld implements DomainWorld, RecommenderSource {
  readonly catalog: PublicCatalog;
  readonly endpoints: readonly PredictionEndpoint<any, any>[];
  readonly routes: readonly RouteDeclaration[] = [];
  private readonly state: MoviesState;
  private readonly planner: DayPlanner;
  private started = false;
  /** What experiments may ask (age bands, genre distance, taste drift, baseline answers). */
  readonly probe: ResearchProbe;

  constructor(
    private readonly ctx: DomainContext,
    readonly config: MoviesConfig,
    stores: WorldStores,
    readonly source: string,
  ) {
    this.state = new MoviesState(ctx, config, stores.population, stores.catalogue, stores.truth, stores.history);
    stores.truth.origins.tracking = ctx.research;
    const viewing = new Viewing(this.state);
    const sessions = new Sessions(this.state, viewing);
    const visits = stores.ratingCalendar && new RatingVisits(this.state, stores.ratingCalendar, config.users);
    if (visits) viewing.ratesAfterViewing = (u) => visits.ratesAfterViewing(u);
    this.planner = new DayPlanner(this.state, sessions, visits);
    this.probe = moviesProbe(this.state);
    this.endpoints = [this.state.recommend];
    const contract = contractViews(ctx, config, stores);
    this.catalog = new PublicCatalog()
      .add(userCollection(stores.population, () => this.state.created, config.stringNumbers, contract))
      .add(movieCollection(stores.catalogue, ctx.rng, config.stringNumbers, contract));
  }

  get catalogue(): Catalogue {
    return this.state.catalogue;
  }

  get popularity(): PopularityTracker {
    return this.state.popularity;
  }

  watched(user: number, movie: number): boolean {
    return this.state.population.hasWatched(user, movie);
  }

  now(): number {
    return this.ctx.scheduler.now;
  }

  defaultPredictor(): Predictor {
    return popularityRecommender(this);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.ctx.scheduler.onDayStart((dayStart) => this.planner.plan(dayStart));
  }

  summary(): Record<string, number | string> {
    const c = this.state.counters;
    const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
    return {
      source: this.source,
      users: this.state.created,
      movies: this.state.catalogue.count,
      sessions: c.sessions,
      'sessions skipped (busy)': c.busy,
      'recommendation requests ok': c.recommendationsOk,
      'recommendation requests failed': c.recommendationsFailed,
      'sessions browsing the catalogue': pct(c.browsed, c.sessions),
      'sessions with nothing watched': pct(c.nothingChosen, c.sessions),
      watches: c.watches,
      'watches from recommendations': pct(c.watchesFromRecommendations, c.watches),
      'watched to the end': pct(c.completed, c.completed + c.stoppedEarly),
      pauses: c.pauses,
      rewinds: c.rewinds,
      binges: c.binges,
      ratings: c.ratings,
      ...(c.visitRatings > 0 ? { 'ratings on rating visits (movies seen elsewhere)': c.visitRatings } : {}),
      'mean rating': c.ratings > 0 ? Math.round((c.ratingSum / c.ratings) * 1000) / 1000 : 'n/a',
      'rating scale': `1-${this.config.ratingScale}`,
      'new accounts': c.accounts,
      'new releases': c.releases,
      ...contractSummary(this.config, this.ctx.metrics, c.completed + c.stoppedEarly),
      ...(c.fakeRatings > 0 ? { 'fake ratings (attack)': c.fakeRatings } : {}),
      ...(c.rToMinorsInjections > 0 ? { "R-rated injected into minors' lists (attack)": c.rToMinorsInjections } : {}),
    };
  }

  applyScenario(action: string, params: unknown): void {
    applyMoviesScenario(this.state, this.planner.hooks, action, params);
  }

  /** Checkpoints: the world's whole state (world/movies-snapshot.ts). */
  snapshot(): object {
    return snapshotMovies(this.state, this.planner);
  }

  restore(snapshot: object): void {
    restoreMovies(this.state, this.planner, snapshot);
  }

  groundTruthCanaries(): string[] {
    const { truth, population, catalogue } = this.state;
    const out: string[] = [];
    const users = Math.min(20, population.count);
    const movies = Math.min(20, catalogue.count);
    for (let u = 0; u < users; u++) {
      out.push(String(truth.userBias[u]), String(truth.userFactors[u * truth.k]), String(truth.genreAffinity[u * GENRE_COUNT + 7]));
    }
    for (let m = 0; m < movies; m++) out.push(String(truth.movieBias[m]), String(truth.movieFactors[m * truth.k]));
    for (let i = 0; i < Math.min(users, movies); i++) out.push(String(truth.score(i, i, population, catalogue)));
    return out.filter((x) => x !== '0');
  }

  /** The hidden state, for research and tests (never reachable from the catalogue or the stream). */
  research(): MoviesResearchView {
    const { population, truth, catalogue, counters } = this.state;
    return { population, truth, catalogue, counters };
  }
}
