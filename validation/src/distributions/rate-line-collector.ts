import type { EventOutput } from '@prodsim/core';
import { toStars } from '@prodsim/domain-movies';
import type { RatingRecord } from './ratings-profile.js';

/**
 * Keeps the rate lines of a run, parsed as a stream consumer would parse
 * `2026-01-05T13:04:05,<user>,GET /rate/<movie>=<rating>`: nothing but what the stream shows.
 */
export class RateLineCollector implements EventOutput {
  readonly ratings: RatingRecord[] = [];

  constructor(private readonly ratingScale: 5 | 10) {}

  publish(_topic: string, _key: string | null, value: string): void {
    const at = value.indexOf(',GET /rate/');
    if (at < 0) return;
    const comma = value.indexOf(',');
    const eq = value.lastIndexOf('=');
    this.ratings.push({
      user: Number(value.slice(comma + 1, at)),
      movie: value.slice(at + 11, eq),
      stars: toStars(Number(value.slice(eq + 1)), this.ratingScale),
      hour: Number(value.slice(11, 13)),
    });
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
