import type { RandomStream } from '@prodsim/core';
import { TOPICS } from './topics.js';

const T = TOPICS.length;

/**
 * The hidden ground truth of a newsroom world: what publishers are really like and what readers
 * really want. Nothing here reaches an event, the entity API or a feed service; the research
 * probe (experiments only) and the conformance suite's leak check are its only readers outside
 * the world.
 *
 * - A publisher has a quality (how satisfying its articles are) and a clickbait level (how much
 *   its headlines tempt beyond what they deliver); the two pull against each other.
 * - A reader has interests (a share of attention per topic), a susceptibility to clickbait, a
 *   trust in each publisher (learned from what they read) and an engagement with the app that
 *   sets how often they come back: disappointing reads drive readers away.
 */
export class NewsroomTruth {
  readonly quality: Float64Array;
  readonly clickbait: Float64Array;
  readonly interest: Float64Array;
  readonly initialInterest: Float64Array;
  readonly susceptibility: Float64Array;
  readonly trust: Float32Array;
  readonly engagement: Float64Array;

  constructor(
    readonly readers: number,
    readonly publishers: number,
    rng: RandomStream,
  ) {
    this.quality = new Float64Array(publishers);
    this.clickbait = new Float64Array(publishers);
    for (let p = 0; p < publishers; p++) {
      this.quality[p] = rng.uniform(0.2, 0.95);
      this.clickbait[p] = clamp(0.9 - this.quality[p] + rng.normal(0, 0.15), 0, 1);
    }
    this.interest = new Float64Array(readers * T);
    for (let u = 0; u < readers; u++) {
      // Peaked tastes: most attention on two or three topics.
      let sum = 0;
      for (let t = 0; t < T; t++) sum += this.interest[u * T + t] = Math.exp(rng.normal(0, 1.2));
      for (let t = 0; t < T; t++) this.interest[u * T + t] /= sum;
    }
    this.initialInterest = this.interest.slice();
    this.susceptibility = new Float64Array(readers);
    for (let u = 0; u < readers; u++) this.susceptibility[u] = rng.next();
    this.trust = new Float32Array(readers * publishers).fill(0.5);
    this.engagement = new Float64Array(readers).fill(0.7);
  }

  /** Interest of a reader in a topic relative to an even spread (1 = average, up to T). */
  relativeInterest(reader: number, topic: number): number {
    return this.interest[reader * T + topic] * T;
  }

  /** The chance that a reader who looks at a headline opens it. */
  clickChance(reader: number, publisher: number, topic: number): number {
    const interest = Math.min(2, this.relativeInterest(reader, topic));
    const bait = this.susceptibility[reader] * this.clickbait[publisher];
    const trust = this.trust[reader * this.publishers + publisher] - 0.5;
    return clamp(0.04 + 0.14 * interest + 0.45 * bait + 0.3 * trust, 0, 0.9);
  }

  /** How satisfying an article of this quality and topic is to this reader, in [0, 1]. */
  value(reader: number, articleQuality: number, topic: number): number {
    return articleQuality * (0.5 + 0.5 * Math.min(1, this.relativeInterest(reader, topic) / 2));
  }

  /** What a read teaches the reader: trust in the publisher, engagement with the app, interest in the topic. */
  afterRead(reader: number, publisher: number, topic: number, satisfaction: number, drift: number): void {
    const k = reader * this.publishers + publisher;
    this.trust[k] += 0.25 * (satisfaction - this.trust[k]);
    this.engagement[reader] = clamp(this.engagement[reader] + 0.08 * (satisfaction - 0.45), 0.05, 1);
    this.turnTo(reader, topic, drift);
  }

  /** A share of the reader's attention moves to one topic (a story breaks). */
  turnTo(reader: number, topic: number, share: number): void {
    const base = reader * T;
    for (let t = 0; t < T; t++) this.interest[base + t] *= 1 - share;
    this.interest[base + topic] += share;
  }

  /** How far a reader's interests moved from where they started: half the L1 distance, in [0, 1]. */
  drift(reader: number): number {
    let d = 0;
    for (let t = reader * T; t < (reader + 1) * T; t++) d += Math.abs(this.interest[t] - this.initialInterest[t]);
    return d / 2;
  }
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
