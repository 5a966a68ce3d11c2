import { apiFetch } from './api-fetch.js';
/**
 * Users' public communities (`GET /user/<id>` -> {"community"}), looked up once per user and kept.
 * A lookup in flight is shared; a user whose lookup failed is retried on a later call.
 */
export class Communities {
  private readonly known = new Map<number, string>();
  private readonly pending = new Map<number, Promise<string | undefined>>();

  constructor(public apiBase: string) {}

  get(user: number): string | undefined {
    return this.known.get(user);
  }

  fetch(user: number): Promise<string | undefined> {
    const known = this.known.get(user);
    if (known !== undefined) return Promise.resolve(known);
    let p = this.pending.get(user);
    if (!p) {
      p = this.lookup(user).finally(() => this.pending.delete(user));
      this.pending.set(user, p);
    }
    return p;
  }

  private async lookup(user: number): Promise<string | undefined> {
    try {
      const res = await apiFetch(new URL(`/user/${user}`, this.apiBase));
      if (!res.ok) return undefined;
      const community = ((await res.json()) as { community?: unknown }).community;
      if (typeof community !== 'string') return undefined;
      this.known.set(user, community);
      return community;
    } catch {
      return undefined;
    }
  }
}
