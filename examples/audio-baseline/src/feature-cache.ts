import { apiFetch } from './api-fetch.js';
import { wavFeatures } from './wav-features.js';

/**
 * Features of clips, fetched once from the entity API (`GET /audio/<id>.wav`) and kept. At most
 * `concurrency` downloads at a time; a clip asked for twice is fetched once.
 */
export class FeatureCache {
  private readonly features = new Map<number, Float64Array>();
  private readonly pending = new Map<number, Promise<Float64Array | undefined>>();
  /** Edits seen per clip: a download started before the latest edit is of the old bytes and is not kept. */
  private readonly edits = new Map<number, number>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  failures = 0;

  constructor(
    /** Base URL of the entity API, e.g. `http://127.0.0.1:8080` (may be set once the API is up). */
    public apiBase: string,
    private readonly concurrency = 4,
    private readonly headers: Record<string, string> = {},
  ) {}

  get(clip: number): Float64Array | undefined {
    return this.features.get(clip);
  }

  get size(): number {
    return this.features.size;
  }

  /**
   * The clip was edited (an `edit` event: same id, new bytes): its features are stale. Forgets
   * them, and any download still under way, so the next fetch gets the new bytes.
   */
  invalidate(clip: number): void {
    this.features.delete(clip);
    this.pending.delete(clip);
    this.edits.set(clip, (this.edits.get(clip) ?? 0) + 1);
  }

  fetch(clip: number, url = `/audio/${clip}.wav`): Promise<Float64Array | undefined> {
    const known = this.features.get(clip);
    if (known) return Promise.resolve(known);
    let p = this.pending.get(clip);
    if (!p) {
      p = this.download(clip, url).finally(() => {
        if (this.pending.get(clip) === p) this.pending.delete(clip);
      });
      this.pending.set(clip, p);
    }
    return p;
  }

  private async download(clip: number, url: string): Promise<Float64Array | undefined> {
    const edits = this.edits.get(clip) ?? 0;
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const res = await apiFetch(new URL(url, this.apiBase), { headers: this.headers });
      if (!res.ok) {
        this.failures++;
        return undefined;
      }
      const f = wavFeatures(new Uint8Array(await res.arrayBuffer()));
      if ((this.edits.get(clip) ?? 0) === edits) this.features.set(clip, f);
      return f;
    } catch {
      // A clip we cannot fetch or read is ranked without features; the service keeps going.
      this.failures++;
      return undefined;
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
