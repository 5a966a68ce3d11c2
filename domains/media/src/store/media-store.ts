import { MediaError, MediaErrorCodes } from '../errors.js';

export interface MediaStoreOptions {
  /** `image/png`, `audio/wav`, ...: what the media route answers with. */
  contentType: string;
  /**
   * Most encoded bytes kept; beyond it the oldest items' bytes are dropped (their ids then answer
   * 410 Gone), so a long run holds bounded memory. Metadata stays.
   */
  maxBytes: number;
}

export type MediaState = 'stored' | 'evicted' | 'unknown';

/**
 * Encoded media by integer id (dense, from 0), as the public API serves them. Items are put when
 * they become public (an upload), never earlier: what is not here cannot be fetched ahead of time.
 */
export class MediaStore {
  readonly contentType: string;
  readonly maxBytes: number;
  private readonly items: (Uint8Array | null | undefined)[] = [];
  /** Ids in the order they were put, for eviction (oldest first). */
  private readonly order: number[] = [];
  private head = 0;
  private held = 0;
  private count = 0;
  private dropped = 0;

  constructor(options: MediaStoreOptions) {
    if (!(options.maxBytes > 0)) throw new MediaError(MediaErrorCodes.STORE, `media store maxBytes must be > 0, got ${options.maxBytes}`);
    this.contentType = options.contentType;
    this.maxBytes = options.maxBytes;
  }

  put(id: number, bytes: Uint8Array): void {
    if (!Number.isInteger(id) || id < 0) throw new MediaError(MediaErrorCodes.STORE, `media id must be an integer >= 0, got ${id}`);
    if (this.items[id] !== undefined) throw new MediaError(MediaErrorCodes.STORE, `media ${id} is already stored`);
    if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) throw new MediaError(MediaErrorCodes.STORE, `media ${id}: no bytes to store`);
    this.items[id] = bytes;
    this.order.push(id);
    this.held += bytes.byteLength;
    this.count++;
    while (this.held > this.maxBytes && this.head < this.order.length - 1) this.evictOldest();
  }

  /**
   * New bytes for an item already put (an edit: same id, new picture). An item evicted before
   * is stored again, as the newest; one still stored keeps its place in the eviction order.
   */
  replace(id: number, bytes: Uint8Array): void {
    const old = this.items[id];
    if (old === undefined) throw new MediaError(MediaErrorCodes.STORE, `media ${id} cannot be replaced: it was never stored`);
    if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) throw new MediaError(MediaErrorCodes.STORE, `media ${id}: no bytes to store`);
    this.items[id] = bytes;
    if (old === null) this.order.push(id);
    this.held += bytes.byteLength - (old?.byteLength ?? 0);
    while (this.held > this.maxBytes && this.head < this.order.length - 1) this.evictOldest();
  }

  bytes(id: number): Uint8Array | undefined {
    return this.items[id] ?? undefined;
  }

  state(id: number): MediaState {
    const item = this.items[id];
    return item === undefined ? 'unknown' : item === null ? 'evicted' : 'stored';
  }

  /** Items ever put. */
  get size(): number {
    return this.count;
  }

  get bytesHeld(): number {
    return this.held;
  }

  get evicted(): number {
    return this.dropped;
  }

  private evictOldest(): void {
    const id = this.order[this.head++];
    const item = this.items[id];
    if (item) this.held -= item.byteLength;
    this.items[id] = null;
    this.dropped++;
    // Keep the queue array from growing without bound on very long runs.
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
  }
}
