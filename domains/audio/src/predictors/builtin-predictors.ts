import { InProcessPredictor, type Predictor, type RandomStream } from '@prodsim/core';
import { type FeedRequest, rankByValue } from '@prodsim/media';
import { CLIP_LABELS, type ClipLabel } from '../events/audio-events.js';
import type { ClassifyRequest } from '../world/audio-state.js';

/** What the built-in services may look at: public figures only (plays, completions, reviews). */
export interface PublicFigures {
  plays(clip: number): number;
  completes(clip: number): number;
  creatorOf(clip: number): number;
  /** The label a review gave the creator's clips, counted (public: reviews are on the stream). */
  reviewedLabels(creator: number): readonly number[];
}

export type RankerName = 'popular' | 'random';
export type ClassifierName = 'creator-history' | 'constant';

/**
 * The world's own services, used when no outside predictor is configured: `next` by smoothed
 * listen-through rate (popular) or at random; `classify` by the creator's review history or a
 * constant "other". They see what a student's service could see from the stream and the API.
 */
export function builtinPredictor(figures: PublicFigures, ranker: RankerName, classifier: ClassifierName, rng: RandomStream): Predictor {
  const rank =
    ranker === 'random'
      ? (r: FeedRequest) => rng.shuffle([...r.candidates])
      : (r: FeedRequest) => rankByValue(r.candidates, (c) => (figures.completes(c) + 1) / (figures.plays(c) + 2), 'id');
  const classify =
    classifier === 'constant'
      ? (): { label: ClipLabel } => ({ label: 'other' })
      : (r: ClassifyRequest): { label: ClipLabel } => {
          const counts = figures.reviewedLabels(figures.creatorOf(r.clip));
          let best = 2;
          for (let i = 0; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
          return { label: CLIP_LABELS[best] };
        };
  return new InProcessPredictor({ next: rank, classify }, { name: `${ranker}+${classifier}` });
}

/** Per-creator counts of reviewed labels, in CLIP_LABELS order. */
export class ReviewHistory {
  private readonly counts: Int32Array;

  constructor(creators: number) {
    this.counts = new Int32Array(creators * CLIP_LABELS.length);
  }

  add(creator: number, label: ClipLabel): void {
    this.counts[creator * CLIP_LABELS.length + CLIP_LABELS.indexOf(label)]++;
  }

  of(creator: number): readonly number[] {
    return Array.from(this.counts.subarray(creator * CLIP_LABELS.length, (creator + 1) * CLIP_LABELS.length));
  }
}
