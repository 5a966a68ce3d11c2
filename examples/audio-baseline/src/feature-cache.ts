import { apiFetch } from './api-fetch.js';
import { wavFeatures } from './wav-features.js';

/**
 * Features of clips, fetched once from the entity API (`GET /audio/<id>.wav`) and kept. At most
 * `concurrency` downloads at a time; a clip asked for twice is fetched once.
 */
export class FeatureCache {
  private readonly features = new Map<number, Float64Array>();
  private readonly pending = new Map<number, Promise<Float64Array | undefined>>();
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

  fetch(clip: number, url = `/audio/${clip}.wav`): Promise<Float64Array | undefined> {
    const known = this.features.get(clip);
    if (known) return Promise.resolve(known);
    let p = this.pending.get(clip);
    if (!p) {
      p = this.download(clip, url).finally(() => this.pending.delete(clip));
      this.pending.set(clip, p);
    }
    return p;
  }

  private async download(clip: number, url: string): Promise<Float64Array | undefined> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const res = await apiFetch(new URL(url, this.apiBase), { headers: this.headers });
      if (!res.ok) {
        this.failures++;
        return undefined;
      }
      const f = wavFeatures(new Uint8Array(await res.arrayBuffer()));
      this.features.set(clip, f);
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
