import type { EntityClient } from './entity-client.js';
import { MAX_IDS_PER_REQUEST } from './entity-client.js';
import type { StreamLine } from './stream-line.js';

/** Users under this age get no R-rated movie (the course counts watches of R-rated movies by users under 18). */
export const ADULT_AGE = 18;
const ADULTS_ONLY = new Set(['R', 'NC-17']);

export interface AudienceStats {
  users: number;
  movies: number;
  /** Bulk requests that failed for good (their ids are asked again when the stream names them again). */
  failures: number;
  lastError?: string;
}

/**
 * Keeps R-rated movies from minors, as a team's service must: learns users' ages and movies'
 * certificates from the entity API, in the background and in bulk (up to 200 ids per request,
 * waiting out the API's 429s through the EntityClient), for every user and movie the stream
 * names. Nothing on the request path waits for the API: what is not known yet is allowed.
 */
export class AudienceFilter {
  readonly stats: AudienceStats = { users: 0, movies: 0, failures: 0 };
  private readonly ages = new Map<string, number>();
  private readonly certificates = new Map<string, string>();
  /** Ids named by the stream and not asked for yet, per collection. */
  private readonly wanted = { user: new Set<string>(), movie: new Set<string>() };
  /** Ids asked for or known, so that each is fetched once. */
  private readonly seen = { user: new Set<string>(), movie: new Set<string>() };
  private fetching: Promise<void> | undefined;

  /**
   * `pauseAfterFailureMs`: how long to wait after a failed request before the next (default 1000),
   * so that an API outage (5xx to every request) does not turn the stream's mentions into a storm.
   */
  constructor(
    private readonly client: EntityClient,
    private readonly pauseAfterFailureMs = 1000,
  ) {}

  /** Notes the user (and movie) a stream line names; a background fetch learns about them. */
  observe(event: StreamLine): void {
    this.want('user', event.user);
    if (event.kind === 'watch' || event.kind === 'rate') this.want('movie', event.movie);
  }

  /** Whether the movie may go to the user: not an adults-only movie to a user known to be a minor. */
  suits(user: string, movie: string): boolean {
    const age = this.ages.get(user);
    if (age === undefined || age >= ADULT_AGE) return true;
    const certificate = this.certificates.get(movie);
    return certificate === undefined || !ADULTS_ONLY.has(certificate);
  }

  /** Resolves once nothing is left to fetch (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.fetching) await this.fetching;
  }

  private want(collection: 'user' | 'movie', id: string): void {
    if (this.seen[collection].has(id)) return;
    this.seen[collection].add(id);
    this.wanted[collection].add(id);
    this.fetching ??= this.fetchWanted().finally(() => {
      this.fetching = undefined;
    });
  }

  private async fetchWanted(): Promise<void> {
    // Let the lines of the same batch arrive first, so that a request carries many ids.
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      const collection = this.wanted.user.size > 0 ? 'user' : this.wanted.movie.size > 0 ? 'movie' : undefined;
      if (collection === undefined) return;
      const ids = [...this.wanted[collection]].slice(0, MAX_IDS_PER_REQUEST);
      for (const id of ids) this.wanted[collection].delete(id);
      try {
        const records = await this.client.getMany<{ age?: unknown; certificate?: unknown }>(collection, ids);
        records.forEach((record, i) => {
          if (collection === 'user' && typeof record?.age === 'number') {
            this.ages.set(ids[i], record.age);
            this.stats.users++;
          } else if (collection === 'movie' && typeof record?.certificate === 'string') {
            this.certificates.set(ids[i], record.certificate);
            this.stats.movies++;
          }
        });
      } catch (error) {
        // The API is down or refuses: forget these ids, so that the stream's next mention retries them.
        this.stats.failures++;
        this.stats.lastError = (error as Error).message;
        for (const id of ids) this.seen[collection].delete(id);
        await new Promise((resolve) => setTimeout(resolve, this.pauseAfterFailureMs));
      }
    }
  }
}
