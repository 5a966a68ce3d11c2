import { apiFetch } from './api-fetch.js';
import { pixelFeatures } from './pixel-features.js';

/**
 * Features of images, fetched once from the entity API (`GET /image/<id>.png`) and kept: the
 * service embeds each image when it is uploaded (from the stream, or when asked to moderate it),
 * so a feed request only looks features up. At most `concurrency` downloads at a time; an image
 * asked for twice is fetched once.
 */
export class FeatureCache {
  private readonly features = new Map<number, Float32Array>();
  private readonly pending = new Map<number, Promise<Float32Array | undefined>>();
  /** Edits seen per image: a download started before the latest edit is of the old bytes and is not kept. */
  private readonly edits = new Map<number, number>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  failures = 0;

  constructor(
    /** Base URL of the entity API, e.g. `http://127.0.0.1:8080` (may be set once the API is up). */
    public apiBase: string,
    private readonly concurrency = 8,
  ) {}

  get(image: number): Float32Array | undefined {
    return this.features.get(image);
  }

  get size(): number {
    return this.features.size;
  }

  /**
   * The image was edited (an `edit` event: same id, new bytes): its features are stale. Forgets
   * them, and any download still under way, so the next fetch gets the new bytes.
   */
  invalidate(image: number): void {
    this.features.delete(image);
    this.pending.delete(image);
    this.edits.set(image, (this.edits.get(image) ?? 0) + 1);
  }

  fetch(image: number): Promise<Float32Array | undefined> {
    const known = this.features.get(image);
    if (known) return Promise.resolve(known);
    let p = this.pending.get(image);
    if (!p) {
      p = this.download(image).finally(() => {
        if (this.pending.get(image) === p) this.pending.delete(image);
      });
      this.pending.set(image, p);
    }
    return p;
  }

  private async download(image: number): Promise<Float32Array | undefined> {
    const edits = this.edits.get(image) ?? 0;
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const res = await apiFetch(new URL(`/image/${image}.png`, this.apiBase));
      if (!res.ok) {
        this.failures++;
        return undefined;
      }
      const f = await pixelFeatures(new Uint8Array(await res.arrayBuffer()));
      if ((this.edits.get(image) ?? 0) === edits) this.features.set(image, f);
      return f;
    } catch {
      // An image we cannot fetch or decode is ranked without features; the service keeps going.
      this.failures++;
      return undefined;
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
