import { SlugRegistry } from '../text/slug.js';
import { grown } from './typed.js';

export const CERTIFICATES = ['G', 'PG', 'PG-13', 'R'] as const;
export const CERT_R = 3;

export const LANGUAGES: readonly { code: string; name: string; weight: number }[] = [
  { code: 'en', name: 'English', weight: 80 },
  { code: 'fr', name: 'Français', weight: 4 },
  { code: 'es', name: 'Español', weight: 3 },
  { code: 'ja', name: '日本語', weight: 3 },
  { code: 'de', name: 'Deutsch', weight: 2 },
  { code: 'it', name: 'Italiano', weight: 2 },
  { code: 'ko', name: '한국어/조선말', weight: 1.5 },
  { code: 'hi', name: 'हिन्दी', weight: 1.5 },
  { code: 'zh', name: '普通话', weight: 1.5 },
  { code: 'ru', name: 'Pусский', weight: 0.7 },
  { code: 'sv', name: 'svenska', weight: 0.4 },
  { code: 'da', name: 'Dansk', weight: 0.3 },
  { code: 'pt', name: 'Português', weight: 0.6 },
];

/** Movies a catalogue source provides before the world adds its public facts. */
export interface MovieSeed {
  title: string;
  year: number;
  genreMask: number;
  tmdbId?: number;
  imdbId?: number;
}

/**
 * The movie catalogue as struct-of-arrays. Titles and slugs are strings (movies are few); all
 * numeric facts sit in typed arrays. Everything here is public: the hidden per-movie truth
 * lives in GroundTruth.
 */
export class Catalogue {
  count = 0;
  capacity: number;
  titles: string[] = [];
  slugs: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly registry = new SlugRegistry();
  year: Int16Array;
  /** Release time, ms since epoch (UTC). */
  released: Float64Array;
  runtime: Uint16Array;
  genreMask: Uint32Array;
  certificate: Uint8Array;
  language: Uint8Array;
  /** TMDb-style popularity: heavy-tailed, drives how often a movie comes to mind. */
  popularity: Float32Array;
  budget: Float64Array;
  revenue: Float64Array;
  voteAverage: Float32Array;
  voteCount: Int32Array;
  tmdbId: Int32Array;
  imdbId: Int32Array;

  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
    const n = this.capacity;
    this.year = new Int16Array(n);
    this.released = new Float64Array(n);
    this.runtime = new Uint16Array(n);
    this.genreMask = new Uint32Array(n);
    this.certificate = new Uint8Array(n);
    this.language = new Uint8Array(n);
    this.popularity = new Float32Array(n);
    this.budget = new Float64Array(n);
    this.revenue = new Float64Array(n);
    this.voteAverage = new Float32Array(n);
    this.voteCount = new Int32Array(n);
    this.tmdbId = new Int32Array(n);
    this.imdbId = new Int32Array(n);
  }

  /** Adds a movie (facts to be filled by the caller at the returned index). */
  add(title: string, slug: string): number {
    if (this.count === this.capacity) this.grow(Math.ceil(this.capacity * 1.5) + 16);
    const i = this.count++;
    const unique = this.registry.claim(slug);
    this.titles.push(title);
    this.slugs.push(unique);
    this.index.set(unique, i);
    return i;
  }

  indexOf(slug: string): number {
    return this.index.get(slug) ?? -1;
  }

  private grow(cap: number): void {
    this.year = grown(this.year, cap);
    this.released = grown(this.released, cap);
    this.runtime = grown(this.runtime, cap);
    this.genreMask = grown(this.genreMask, cap);
    this.certificate = grown(this.certificate, cap);
    this.language = grown(this.language, cap);
    this.popularity = grown(this.popularity, cap);
    this.budget = grown(this.budget, cap);
    this.revenue = grown(this.revenue, cap);
    this.voteAverage = grown(this.voteAverage, cap);
    this.voteCount = grown(this.voteCount, cap);
    this.tmdbId = grown(this.tmdbId, cap);
    this.imdbId = grown(this.imdbId, cap);
    this.capacity = cap;
  }
}
