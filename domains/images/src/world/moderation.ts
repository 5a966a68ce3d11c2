import type { HandlerId, Outcome } from '@prodsim/core';
import { ImageStatus } from './image-catalogue.js';
import type { Decision, ImagesState } from './images-state.js';

const HOUR = 3_600_000;

/**
 * Moderation semantics: every upload is sent to the `moderate` endpoint; at the decision time the
 * app allows it (it joins the candidate pool) or blocks it, or applies its failure policy if the
 * request failed. Wrongly blocked creators appeal (a human review reinstates most harmless
 * images) and post less from then on; adversarial creators post a blocked harmful scene again,
 * perturbed. Images reported often enough go to human review and are removed if found harmful.
 * Reviewers are right with probability `reviewAccuracy`.
 */
export class Moderation {
  private readonly APPEAL: HandlerId;
  private readonly APPEAL_REVIEW: HandlerId;
  private readonly REPORT_REVIEW: HandlerId;
  /** Called for an adversarial creator's blocked harmful image. */
  onAdversarialBlock: (time: number, image: number) => void = () => {};

  constructor(private readonly s: ImagesState) {
    const sch = s.ctx.scheduler;
    this.APPEAL = sch.register('image-appeal', (time, image) => this.appeal(time, image));
    this.APPEAL_REVIEW = sch.register('image-appeal-review', (time, image) => this.appealReview(time, image));
    this.REPORT_REVIEW = sch.register('image-report-review', (time, image) => this.reportReview(time, image));
  }

  request(id: number, creator: number): void {
    const s = this.s;
    // Arms of an experiment split users; a creator's id picks the arm that moderates its uploads.
    s.ctx.predictions.request(s.moderate, { image: id, creator, url: `/image/${id}.png` }, creator, (outcome, time) => this.decide(time, id, creator, outcome));
  }

  private decide(time: number, id: number, creator: number, outcome: Outcome<Decision>): void {
    const s = this.s;
    const c = s.counters;
    const fallback = outcome.kind !== 'ok';
    const decision: Decision = outcome.kind === 'ok' ? outcome.value : s.config.moderationFailure;
    if (fallback) c.moderationFailed++;
    s.writer.emit('moderation', String(id), time, {
      image: id,
      creator,
      decision,
      status: outcome.status,
      latency_ms: Math.round(outcome.latencyMs),
      fallback,
      error: outcome.kind === 'ok' ? undefined : outcome.error,
    });
    const harmful = s.truth.harmful[id] === 1;
    // For experiments' moderation precision and recall (a no-op otherwise), by the creator's arm.
    if (harmful) s.ctx.observe.count?.(time, creator, 'harmfulModerated', 1);
    if (decision === 'allow') {
      c.allowed++;
      if (harmful) c.harmfulAllowed++;
      s.catalogue.status[id] = ImageStatus.VISIBLE;
      s.candidates.add(id);
      return;
    }
    c.blocked++;
    s.ctx.observe.count?.(time, creator, 'blocked', 1);
    if (harmful) s.ctx.observe.count?.(time, creator, 'blockedHarmful', 1);
    s.catalogue.status[id] = ImageStatus.BLOCKED;
    s.dayStats.blocked[creator]++;
    if (harmful) {
      c.harmfulBlocked++;
      if (s.adversarial[creator]) this.onAdversarialBlock(time, id);
      return;
    }
    c.wrongfulBlocks++;
    s.creators.discourage(creator, s.config.wrongBlockPenalty);
    if (s.rng.moderation.next() < s.config.appealProbability) s.ctx.scheduler.at(time + HOUR + s.rng.moderation.int(5 * HOUR), this.APPEAL, id);
  }

  /** A user reported an image: enough reports send it to human review. */
  reported(time: number, id: number): void {
    const s = this.s;
    const cat = s.catalogue;
    cat.reports[id]++;
    if (cat.reports[id] >= s.config.reviewAfterReports && (cat.reviewed[id] & 1) === 0 && cat.status[id] === ImageStatus.VISIBLE) {
      cat.reviewed[id] |= 1;
      s.ctx.scheduler.at(time + 2 * HOUR + s.rng.moderation.int(10 * HOUR), this.REPORT_REVIEW, id);
    }
  }

  private appeal(time: number, id: number): void {
    const s = this.s;
    s.counters.appeals++;
    s.writer.emit('appeal', String(id), time, { image: id, creator: s.catalogue.creator[id] });
    s.catalogue.reviewed[id] |= 2;
    s.ctx.scheduler.at(time + 12 * HOUR + s.rng.moderation.int(24 * HOUR), this.APPEAL_REVIEW, id);
  }

  private appealReview(time: number, id: number): void {
    const s = this.s;
    const looksHarmful = this.review(id);
    if (looksHarmful || s.catalogue.status[id] !== ImageStatus.BLOCKED) {
      s.writer.emit('review', String(id), time, { image: id, trigger: 'appeal', decision: 'upheld' });
      return;
    }
    s.counters.reinstated++;
    s.catalogue.status[id] = ImageStatus.VISIBLE;
    s.candidates.add(id);
    s.writer.emit('review', String(id), time, { image: id, trigger: 'appeal', decision: 'reinstated' });
  }

  private reportReview(time: number, id: number): void {
    const s = this.s;
    if (s.catalogue.status[id] !== ImageStatus.VISIBLE) return;
    if (this.review(id)) {
      s.counters.removedAfterReports++;
      s.catalogue.status[id] = ImageStatus.REMOVED;
      s.candidates.remove(id);
      s.writer.emit('review', String(id), time, { image: id, trigger: 'reports', decision: 'removed' });
    } else {
      s.writer.emit('review', String(id), time, { image: id, trigger: 'reports', decision: 'kept' });
    }
  }

  /** A human reviewer's verdict: right with probability reviewAccuracy. */
  private review(id: number): boolean {
    const s = this.s;
    const harmful = s.truth.harmful[id] === 1;
    return s.rng.moderation.next() < s.config.reviewAccuracy ? harmful : !harmful;
  }
}
