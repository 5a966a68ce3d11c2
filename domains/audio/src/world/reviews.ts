import { DAY_MS, type HandlerId } from '@prodsim/core';
import { CLIP_LABELS, type ClipLabel } from '../events/audio-events.js';
import type { ReviewHistory } from '../predictors/builtin-predictors.js';
import type { AudioState } from './audio-state.js';

const TRIGGER_SAMPLE = 0;
const TRIGGER_REPORTS = 1;

/**
 * Human review: a sample of uploads a day after publication, and clips that collected reports.
 * The reviewer's label (right with `reviewAccuracy`) is emitted and applied by the app: the
 * stream's labelled data, delayed and a little noisy, as in production.
 */
export class Reviews {
  private readonly REVIEW: HandlerId;
  private readonly queued = new Set<number>();

  constructor(
    private readonly s: AudioState,
    private readonly history: ReviewHistory,
  ) {
    // The trigger travels in the low bit of the argument: clip * 2 + trigger.
    this.REVIEW = s.ctx.scheduler.register('audio-review', (time, arg) => this.review(time, arg >> 1, arg & 1));
  }

  /** A sampled upload is reviewed a day later; a sampled backlog clip within the first six hours (historical labels). */
  maybeSample(time: number, clip: number, backlog: boolean): void {
    const rng = this.s.rng.reviews;
    if (rng.bernoulli(this.s.config.reviewShare)) this.queue(time + (backlog ? 60_000 + rng.int(6 * 3_600_000) : DAY_MS), clip, TRIGGER_SAMPLE);
  }

  reported(time: number, clip: number): void {
    if (this.s.catalogue.reports[clip] >= this.s.config.reviewAfterReports) this.queue(time + 3_600_000, clip, TRIGGER_REPORTS);
  }

  private queue(time: number, clip: number, trigger: number): void {
    if (this.queued.has(clip) || this.s.catalogue.reviewed[clip]) return;
    this.queued.add(clip);
    this.s.ctx.scheduler.at(time, this.REVIEW, clip * 2 + trigger);
  }

  private review(time: number, clip: number, trigger: number): void {
    const { catalogue, config, rng, writer, counters } = this.s;
    this.queued.delete(clip);
    const truth = catalogue.trueLabel(clip);
    let label: ClipLabel = truth;
    if (!rng.reviews.bernoulli(config.reviewAccuracy)) {
      const others = CLIP_LABELS.filter((l) => l !== truth);
      label = others[rng.reviews.int(others.length)];
    }
    catalogue.reviewed[clip] = 1;
    this.history.add(catalogue.creator[clip], label);
    catalogue.applyLabel(clip, label);
    counters.reviews++;
    writer.emit('review', String(clip), time, { clip, trigger: trigger === TRIGGER_REPORTS ? 'reports' : 'sample', label });
  }
}
