import { STYLE_DIM } from '../scene/style.js';

/** Where an image stands in the app (public). */
export const ImageStatus = { PENDING: 0, VISIBLE: 1, BLOCKED: 2, REMOVED: 3 } as const;
export const STATUS_NAMES = ['pending', 'visible', 'blocked', 'removed'] as const;

export interface ImageView {
  id: number;
  creator: number;
  uploaded: string;
  url: string;
  width: number;
  height: number;
  status: (typeof STATUS_NAMES)[number];
  impressions: number;
  likes: number;
  /** 0 as uploaded; each edit (announced on the stream) makes it one more: new pixels, same id. */
  version: number;
}

/**
 * Every image that exists (rendered, perhaps not public yet), struct-of-arrays: public facts
 * (creator, upload time, status, counts) and the realised scene parameters that creators' style
 * drift follows (not served: a service sees pixels, not parameters).
 */
export class ImageCatalogue {
  count = 0;
  /** Images whose upload time has come (ids below are public). */
  published = 0;
  creator = new Int32Array(1024);
  uploadedAt = new Float64Array(1024);
  status = new Uint8Array(1024);
  impressions = new Int32Array(1024);
  likes = new Int32Array(1024);
  reports = new Int32Array(1024);
  /** 1 once the image has been sent to human review (once per trigger kind is enough). */
  reviewed = new Uint8Array(1024);
  /** Edits so far: the picture at the image's URL changed this many times (public). */
  version = new Int32Array(1024);
  /** The image whose scene this one shows (itself, or the original of a re-upload). */
  content = new Int32Array(1024);
  /** Mean RGB of the clean pixels, count x 3: a public feature (anyone can compute it from the PNG). */
  colour = new Uint8Array(1024 * 3);
  /** Realised scene parameters, count x STYLE_DIM. */
  params = new Float32Array(1024 * STYLE_DIM);
  private publicFlags = new Uint8Array(1024);

  constructor(readonly size: number) {}

  /** Reserves the next id for an image of `creator` (rendered ahead of its upload). */
  add(creator: number, params: Float32Array, content?: number): number {
    const id = this.count++;
    if (id >= this.creator.length) this.grow(this.creator.length * 2);
    this.creator[id] = creator;
    this.content[id] = content ?? id;
    this.params.set(params.subarray(0, STYLE_DIM), id * STYLE_DIM);
    this.status[id] = ImageStatus.PENDING;
    return id;
  }

  /** The image's upload time has come: it is public from now on. */
  publish(id: number, time: number, status: number): void {
    this.uploadedAt[id] = time;
    this.status[id] = status;
    this.publicFlags[id] = 1;
    this.published++;
  }

  isPublished(id: number): boolean {
    return id < this.count && this.publicFlags[id] === 1;
  }

  view(id: number): ImageView | undefined {
    if (!this.isPublished(id)) return undefined;
    return {
      id,
      creator: this.creator[id],
      uploaded: new Date(this.uploadedAt[id]).toISOString(),
      url: `/image/${id}.png`,
      width: this.size,
      height: this.size,
      status: STATUS_NAMES[this.status[id]],
      impressions: this.impressions[id],
      likes: this.likes[id],
      version: this.version[id],
    };
  }

  /** Smoothed like rate (what a creator sees of how an image did); NaN with too few impressions. */
  likeRate(id: number): number {
    const n = this.impressions[id];
    return n < 5 ? NaN : (this.likes[id] + 1) / (n + 10);
  }

  setColour(id: number, rgb: Uint8Array): void {
    let r = 0;
    let g = 0;
    let b = 0;
    for (let i = 0; i < rgb.length; i += 3) (r += rgb[i]), (g += rgb[i + 1]), (b += rgb[i + 2]);
    const n = rgb.length / 3;
    this.colour[id * 3] = Math.round(r / n);
    this.colour[id * 3 + 1] = Math.round(g / n);
    this.colour[id * 3 + 2] = Math.round(b / n);
  }

  /** Distance in 0..1 between two images' mean colours. */
  colourDistance(a: number, b: number): number {
    const dr = this.colour[a * 3] - this.colour[b * 3];
    const dg = this.colour[a * 3 + 1] - this.colour[b * 3 + 1];
    const db = this.colour[a * 3 + 2] - this.colour[b * 3 + 2];
    return Math.sqrt(dr * dr + dg * dg + db * db) / (255 * Math.sqrt(3));
  }

  styleOf(id: number, out: Float32Array): void {
    out.set(this.params.subarray(id * STYLE_DIM, (id + 1) * STYLE_DIM));
  }

  private grow(size: number): void {
    const g = <T extends Int32Array | Float64Array | Uint8Array | Float32Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a as never);
      return b;
    };
    this.creator = g(this.creator, size);
    this.uploadedAt = g(this.uploadedAt, size);
    this.status = g(this.status, size);
    this.impressions = g(this.impressions, size);
    this.likes = g(this.likes, size);
    this.reports = g(this.reports, size);
    this.reviewed = g(this.reviewed, size);
    this.version = g(this.version, size);
    this.content = g(this.content, size);
    this.colour = g(this.colour, size * 3);
    this.params = g(this.params, size * STYLE_DIM);
    this.publicFlags = g(this.publicFlags, size);
  }
}
