/** Each user's recently viewed movies, most recent first, and what we last recommended to them. */
export class UserHistory {
  private readonly viewed = new Map<string, string[]>();
  private readonly served = new Map<string, readonly string[]>();

  constructor(private readonly keep = 50) {}

  /** Most recent first; empty for a user we have not seen on the stream. */
  recent(user: string): readonly string[] {
    return this.viewed.get(user) ?? NONE;
  }

  /** The movie the user watched last (a watch line of it continues the same view). */
  current(user: string): string | undefined {
    return this.viewed.get(user)?.[0];
  }

  addView(user: string, movie: string): void {
    let list = this.viewed.get(user);
    if (list === undefined) this.viewed.set(user, (list = []));
    const at = list.indexOf(movie);
    if (at >= 0) list.splice(at, 1);
    list.unshift(movie);
    if (list.length > this.keep) list.length = this.keep;
  }

  lastServed(user: string): readonly string[] {
    return this.served.get(user) ?? NONE;
  }

  rememberServed(user: string, movies: readonly string[]): void {
    this.served.set(user, movies);
  }

  get users(): number {
    return this.viewed.size;
  }
}

const NONE: readonly string[] = [];
