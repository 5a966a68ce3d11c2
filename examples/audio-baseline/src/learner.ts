import { CLIP_LABELS, type ClipLabel } from '@prodsim/domain-audio';
import type { FeatureCache } from './feature-cache.js';
import { RateRegression, SoftmaxRegression } from './linear-models.js';

/** Shrinkage toward the feature model's prior, in plays. */
const PRIOR_PLAYS = 4;

export interface LearnerStats {
  events: number;
  clips: number;
  plays: number;
  labelled: number;
  classifierFits: number;
  rankerFits: number;
}

/**
 * Learns from the audio stream: listen-through per clip (plays, completions) and a linear model
 * from spectral features to listen-through for clips with few plays; reviewed labels and a
 * softmax model from spectral features to the label for classify. Models are refitted in the
 * background as data arrives.
 */
export class AudioLearner {
  private readonly plays = new Map<number, number>();
  private readonly completes = new Map<number, number>();
  private readonly labels = new Map<number, number>();
  private readonly classifier = new SoftmaxRegression(CLIP_LABELS.length);
  private readonly ranker = new RateRegression();
  private labelsAtFit = 0;
  private playsAtFit = 0;
  private fitting = false;
  private totalPlays = 0;
  private totalCompletes = 0;
  readonly stats: LearnerStats = { events: 0, clips: 0, plays: 0, labelled: 0, classifierFits: 0, rankerFits: 0 };

  constructor(private readonly features: FeatureCache) {}

  /** One JSON line of the stream. Lines it does not understand are counted and skipped. */
  handle(line: string): void {
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    this.stats.events++;
    const clip = e.clip as number;
    switch (e.kind) {
      case 'upload':
        this.stats.clips++;
        void this.features.fetch(clip, String(e.url));
        break;
      case 'edit':
        // Same id, new audio: its features, listen-through and reviewed label were of the old clip.
        this.features.invalidate(clip);
        for (const tally of [this.plays, this.completes, this.labels]) tally.delete(clip);
        this.stats.labelled = this.labels.size;
        void this.features.fetch(clip, String(e.url));
        break;
      case 'play':
        this.plays.set(clip, (this.plays.get(clip) ?? 0) + 1);
        this.totalPlays++;
        this.stats.plays++;
        if (e.complete === true) {
          this.completes.set(clip, (this.completes.get(clip) ?? 0) + 1);
          this.totalCompletes++;
        }
        break;
      case 'review': {
        const label = CLIP_LABELS.indexOf(e.label as ClipLabel);
        if (label >= 0) {
          this.labels.set(clip, label);
          this.stats.labelled = this.labels.size;
          void this.features.fetch(clip);
        }
        break;
      }
    }
    this.maybeFit();
  }

  /** Candidates best first: smoothed listen-through, with the feature model as the prior. */
  rank(candidates: readonly number[]): number[] {
    const base = (this.totalCompletes + 1) / (this.totalPlays + 2);
    const score = new Map<number, number>();
    for (const c of candidates) {
      const f = this.features.get(c);
      const prior = f && this.ranker.trained ? this.ranker.predict(f) : base;
      score.set(c, ((this.completes.get(c) ?? 0) + PRIOR_PLAYS * prior) / ((this.plays.get(c) ?? 0) + PRIOR_PLAYS));
    }
    return [...candidates].sort((a, b) => score.get(b)! - score.get(a)! || a - b);
  }

  /**
   * The label for a clip: the softmax model on its features once there is a model; until then the
   * commonest reviewed label at once (there is nothing to wait for), fetching the clip for later.
   */
  async classify(clip: number, url: string): Promise<ClipLabel> {
    if (this.classifier.trained) {
      const f = await this.features.fetch(clip, url);
      if (f) {
        const p = this.classifier.predict(f);
        let best = 0;
        for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return CLIP_LABELS[best];
      }
    } else void this.features.fetch(clip, url);
    const counts = new Array(CLIP_LABELS.length).fill(0);
    counts[CLIP_LABELS.indexOf('other')] = 0.5;
    for (const l of this.labels.values()) counts[l]++;
    return CLIP_LABELS[counts.indexOf(Math.max(...counts))];
  }

  private maybeFit(): void {
    if (this.fitting) return;
    const newLabels = this.labels.size - this.labelsAtFit;
    const newPlays = this.totalPlays - this.playsAtFit;
    if (newLabels < 5 && newPlays < 1500) return;
    this.fitting = true;
    // Off the request path: fits run between I/O events.
    setImmediate(() => {
      try {
        if (newLabels >= 5) this.fitClassifier();
        if (newPlays >= 1500) this.fitRanker();
      } finally {
        this.fitting = false;
      }
    });
  }

  private fitClassifier(): void {
    this.labelsAtFit = this.labels.size;
    const xs: Float64Array[] = [];
    const ys: number[] = [];
    for (const [clip, label] of this.labels) {
      const f = this.features.get(clip);
      if (f) xs.push(f), ys.push(label);
    }
    if (xs.length < 10 || new Set(ys).size < 2) return;
    this.classifier.fit(xs, ys, 200, 0.2, 1e-2);
    this.stats.classifierFits++;
  }

  private fitRanker(): void {
    this.playsAtFit = this.totalPlays;
    const xs: Float64Array[] = [];
    const rates: number[] = [];
    const weights: number[] = [];
    for (const [clip, n] of this.plays) {
      const f = this.features.get(clip);
      if (!f || n < 3) continue;
      xs.push(f);
      rates.push((this.completes.get(clip) ?? 0) / n);
      weights.push(n);
    }
    if (xs.length < 10) return;
    this.ranker.fit(xs, rates, weights, 200);
    this.stats.rankerFits++;
  }
}
