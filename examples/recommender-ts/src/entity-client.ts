/**
 * Reads users and movies from the course's entity API: bulk lookups of up to 200 comma-separated
 * ids per request, and patience when the API says "too many requests". A 429 answer carries a
 * `Retry-After` header (seconds); the client waits that long and asks again, so a sequential
 * lookup loop loses nothing to the rate limit (the course's API allows 100 requests per second per
 * client). Other failures are thrown with the status and the API's message.
 */
export interface EntityClientOptions {
  /** e.g. http://127.0.0.1:8080 (course mode: http://host:8080/team01). */
  baseUrl: string;
  /** The team's API token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** How many 429s in a row one request may meet before giving up (default 20). */
  maxRetries?: number;
  /** Waits (tests pass a recording one). */
  sleep?: (ms: number) => Promise<void>;
}

export const MAX_IDS_PER_REQUEST = 200;

export class EntityClient {
  /** Requests sent and how many of them met a 429. */
  readonly stats = { requests: 0, throttled: 0, waitedMs: 0 };
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: EntityClientOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The entities with these ids, in order, `null` for an unknown id; one request per 200 ids. */
  async getMany<T = Record<string, unknown>>(collection: 'user' | 'movie', ids: readonly string[]): Promise<(T | null)[]> {
    const out: (T | null)[] = [];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_REQUEST) {
      const chunk = ids.slice(i, i + MAX_IDS_PER_REQUEST);
      const body = await this.request(`/${collection}/${chunk.map(encodeURIComponent).join(',')}`);
      // One id answers an object (or 404, read as null); several answer an array.
      out.push(...(chunk.length === 1 ? [body as T | null] : (body as (T | null)[])));
    }
    return out;
  }

  private async request(path: string): Promise<unknown> {
    const headers: Record<string, string> = this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
    for (let attempt = 0; ; attempt++) {
      this.stats.requests++;
      const response = await fetch(`${this.options.baseUrl}${path}`, { headers });
      if (response.status === 429 && attempt < (this.options.maxRetries ?? 20)) {
        await response.arrayBuffer();
        this.stats.throttled++;
        const waitMs = retryAfterMs(response.headers.get('retry-after'));
        this.stats.waitedMs += waitMs;
        await this.sleep(waitMs);
        continue;
      }
      if (response.status === 404) {
        await response.arrayBuffer();
        return null;
      }
      const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
      if (!response.ok) throw new Error(`entity API ${path.slice(0, 80)}: ${response.status} ${body?.message ?? ''}`.trim());
      return body;
    }
  }
}

/** `Retry-After` as seconds (or an HTTP date); one second when it is missing or unreadable. */
export function retryAfterMs(header: string | null): number {
  if (header === null) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(50, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(50, date - Date.now()) : 1000;
}
