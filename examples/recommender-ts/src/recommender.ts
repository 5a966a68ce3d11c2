import { CoOccurrence } from './co-occurrence.js';
import { Popularity } from './popularity.js';
import { parseLine, type StreamLine } from './stream-line.js';
import { UserHistory } from './user-history.js';

export interface RecommenderOptions {
  /** Movies per answer (the contract allows up to 20). */
  listSize?: number;
  /** How many of a user's latest movies seed the personalised list and pair up as co-views. */
  seeds?: number;
  /** Movies remembered per user (never recommended again). */
  history?: number;
  maxNeighbours?: number;
  /**
   * Co-views a pair needs before it counts (default 2). A pair seen once is mostly chance, and
   * cosine scores such rare pairs highest; in simulated runs a support of 2 raised the share of
   * watches taken from the list from about 38% to 51%.
   */
  minSupport?: number;
  /** Whether a movie may go to a user at all (e.g. AudienceFilter: no R-rated movie to a minor). */
  suits?: (user: string, movie: string) => boolean;
}

export interface RecommenderStats {
  lines: number;
  malformed: number;
  views: number;
  ratings: number;
  requests: number;
  /** Requests answered with at least one item-item pick (the rest got popularity only). */
  personalised: number;
}

/**
 * Learns from the stream and answers recommendation requests:
 * - popularity: views per movie (a view = a user starting a movie, not every minute line);
 * - item-item: movies viewed by the same user close together, scored like cosine similarity so
 *   that blockbusters do not neighbour everything (pairs seen only once are ignored as chance).
 * A user's list is the movies most similar to what they watched lately, topped up with the most
 * popular ones; movies they already watched, and those we showed them last time (users skip a list
 * they have already seen), are left out.
 */
export class Recommender {
  readonly stats: RecommenderStats = { lines: 0, malformed: 0, views: 0, ratings: 0, requests: 0, personalised: 0 };
  readonly popularity = new Popularity();
  private readonly coViews: CoOccurrence;
  private readonly users: UserHistory;
  private readonly listSize: number;
  private readonly seeds: number;
  private readonly minSupport: number;
  private readonly suits: (user: string, movie: string) => boolean;

  constructor(options: RecommenderOptions = {}) {
    this.listSize = options.listSize ?? 20;
    this.seeds = options.seeds ?? 10;
    this.minSupport = options.minSupport ?? 2;
    this.suits = options.suits ?? (() => true);
    this.users = new UserHistory(options.history ?? 50);
    this.coViews = new CoOccurrence(options.maxNeighbours ?? 300);
  }

  /** Feeds one raw stream line and returns it parsed; malformed ones are counted and skipped. */
  handleLine(line: string): StreamLine | undefined {
    this.stats.lines++;
    const event = parseLine(line);
    if (event === undefined) this.stats.malformed++;
    else this.observe(event);
    return event;
  }

  observe(event: StreamLine): void {
    if (event.kind === 'rate') this.stats.ratings++;
    if (event.kind !== 'watch') return;
    // Minute lines of the movie the user is already watching (including pauses and rewinds)
    // continue that view; a line of another movie starts a new one.
    if (this.users.current(event.user) === event.movie) return;
    this.stats.views++;
    this.popularity.add(event.movie);
    this.coViews.add(event.movie, this.users.recent(event.user).slice(0, this.seeds));
    this.users.addView(event.user, event.movie);
  }

  recommend(user: string): string[] {
    this.stats.requests++;
    const recent = this.users.recent(user);
    const excluded = new Set([...recent, ...this.users.lastServed(user)]);
    const list = this.similarTo(recent.slice(0, this.seeds), excluded).filter((movie) => this.suits(user, movie));
    if (list.length > 0) this.stats.personalised++;
    for (const movie of this.popularity.ranking()) {
      if (list.length >= this.listSize) break;
      if (!excluded.has(movie) && !list.includes(movie) && this.suits(user, movie)) list.push(movie);
    }
    this.users.rememberServed(user, list);
    return list;
  }

  private similarTo(seeds: readonly string[], excluded: ReadonlySet<string>): string[] {
    const scores = new Map<string, number>();
    seeds.forEach((seed, i) => {
      const recency = 1 / (1 + i); // the latest movie says most about today's taste
      const seedViews = this.popularity.count(seed);
      for (const [movie, together] of this.coViews.neighbours(seed)) {
        if (together < this.minSupport || excluded.has(movie)) continue;
        const similarity = together / Math.sqrt(seedViews * this.popularity.count(movie));
        scores.set(movie, (scores.get(movie) ?? 0) + recency * similarity);
      }
    });
    return [...scores]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, this.listSize)
      .map(([movie]) => movie);
  }

  get knownUsers(): number {
    return this.users.users;
  }
}
