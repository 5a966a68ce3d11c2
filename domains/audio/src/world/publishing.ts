import type { HandlerId } from '@prodsim/core';
import { SAMPLE_RATE } from '@prodsim/ground-truth-models';
import { DiurnalProfile } from '@prodsim/media';
import type { ClipLabel } from '../events/audio-events.js';
import { encodeWav } from '../wav/wav-encode.js';
import type { AudioState } from './audio-state.js';
import type { Reviews } from './reviews.js';

interface Plan {
  creator: number;
  time: number;
}

/**
 * Uploads: planned for the whole day at its start (who posts when), rendered and judged by the
 * truth models in one batch while the run holds (so the truth never depends on wall-clock timing),
 * then published one by one at their times: the WAV goes into the media store, an `upload` event
 * is emitted and the app asks `classify` for a label.
 */
export class Publishing {
  private readonly PUBLISH: HandlerId;
  private readonly wavs = new Map<number, Uint8Array>();
  private readonly diurnal = new DiurnalProfile();
  private backlogEnd = 0;
  /** Clips whose description could not be rendered (e.g. the TTS engine failed). */
  renderFailures = 0;
  /** Clips published per creator (public: the creator's profile). */
  readonly uploadsBy: Int32Array;

  constructor(
    private readonly s: AudioState,
    private readonly reviews: Reviews,
  ) {
    this.uploadsBy = new Int32Array(s.creators.count);
    this.PUBLISH = s.ctx.scheduler.register('audio-publish', (time, clip) => this.publish(time, clip));
  }

  /** The clips already public when the run starts: made by creators in proportion to their rates. */
  async createBacklog(count: number): Promise<void> {
    const { creators } = this.s;
    const weights = Array.from({ length: creators.count }, (_, c) => creators.pool.rate[c]);
    const plans: Plan[] = [];
    for (let i = 0; i < count; i++) plans.push({ creator: this.s.rng.uploads.weighted(weights), time: this.s.ctx.startTime });
    await this.prepare(plans);
    this.backlogEnd = this.s.catalogue.count;
    this.s.catalogue.calibrateExplicit(this.s.config.explicitShare);
    // The backlog is public before time starts (the API serves it); its upload events and
    // classify requests come at the start of the run.
    for (let clip = 0; clip < this.backlogEnd; clip++) this.makePublic(clip);
  }

  private makePublic(clip: number): void {
    if (this.s.catalogue.isPublished(clip)) return;
    this.s.store.put(clip, this.wavs.get(clip)!);
    this.wavs.delete(clip);
    this.s.catalogue.markPublished(clip);
  }

  /** Day start: who uploads when today; renders and judges the day's clips before time moves on. */
  planDay(dayStart: number): void {
    const { creators, rng } = this.s;
    const plans: Plan[] = [];
    for (let c = 0; c < creators.count; c++) {
      const n = creators.pool.uploadsToday(c, rng.uploads);
      for (let k = 0; k < n; k++) plans.push({ creator: c, time: this.diurnal.sample(dayStart, rng.uploads) });
    }
    if (plans.length === 0) return;
    plans.sort((a, b) => a.time - b.time || a.creator - b.creator);
    this.s.ctx.scheduler.hold(this.prepare(plans));
  }

  private async prepare(plans: readonly Plan[]): Promise<void> {
    const { catalogue, creators, renderer, oracle, ctx, rng } = this.s;
    const first = catalogue.count;
    const descriptions = plans.map((p) => creators.describe(p.creator, rng.creators));
    const clips = descriptions.map((d, i) => {
      try {
        return renderer.render(d, ctx.rng.derive('clip', first + i));
      } catch (error) {
        // A TTS engine that fails mid-run (or any render fault) costs this clip its voice, not
        // the run: the creator babbles instead, and the log says why.
        this.renderFailures++;
        ctx.log(`audio: clip ${first + i} (${d.kind}) could not be rendered, babble instead: ${(error as Error)?.message ?? error}`);
        descriptions[i] = { kind: 'babble', seconds: d.seconds, pitchHz: 140, syllableRate: 4.5, bed: 0, recording: d.recording };
        return renderer.render(descriptions[i], ctx.rng.derive('clip', first + i));
      }
    });
    const truths = await oracle.truths(clips);
    for (let i = 0; i < plans.length; i++) {
      const id = catalogue.add(descriptions[i], plans[i].creator, plans[i].time, truths[i], this.s.config.noiseAversion);
      this.wavs.set(id, encodeWav(clips[i], SAMPLE_RATE));
      ctx.scheduler.at(Math.max(plans[i].time, ctx.scheduler.now), this.PUBLISH, id);
    }
  }

  private publish(time: number, clip: number): void {
    const { catalogue, creators, writer, ctx, counters } = this.s;
    this.makePublic(clip);
    const creator = catalogue.creator[clip];
    creators.pool.remember(creator, clip);
    this.uploadsBy[creator]++;
    const backlog = clip < this.backlogEnd;
    if (!backlog) counters.uploads++;
    const url = `/audio/${clip}.wav`;
    writer.emit('upload', String(clip), time, { clip, creator, url, seconds: catalogue.descriptions[clip].seconds, backlog: backlog ? true : undefined });
    ctx.predictions.request(this.s.classify, { clip, url }, creator, (outcome, at) => {
      let label: ClipLabel | undefined;
      if (outcome.kind === 'ok') {
        label = outcome.value;
        counters.classifyOk++;
        const right = label === catalogue.trueLabel(clip);
        if (right) counters.classifyCorrect++;
        // For experiments' classification accuracy (a no-op otherwise), by the creator's arm.
        ctx.observe.count?.(at, creator, 'classified', 1);
        if (right) ctx.observe.count?.(at, creator, 'classifiedCorrect', 1);
        if (!backlog) counters.uploadsClassified++, right && counters.uploadsClassifiedCorrect++;
      } else counters.classifyFailed++;
      // A reviewer's label stands over a late classifier's.
      if (!catalogue.reviewed[clip]) catalogue.applyLabel(clip, label);
      writer.emit('classification', String(clip), at, {
        clip,
        label,
        status: outcome.status,
        latency_ms: Math.round(outcome.latencyMs),
        error: outcome.kind === 'ok' ? undefined : outcome.error,
      });
      this.reviews.maybeSample(at, clip, backlog);
    });
  }

  /**
   * Day start: every creator moves toward its best-received recent clip, judged by every
   * listener's likes whichever arm of an experiment served them (unless creatorFeedback is off).
   */
  driftCreators(): void {
    const { creators, catalogue, config, rng } = this.s;
    if (config.creatorFeedback === 'off') return;
    const score = (clip: number) => (catalogue.plays[clip] >= 3 ? (catalogue.likes[clip] + 1) / (catalogue.plays[clip] + 4) : NaN);
    for (let c = 0; c < creators.count; c++) creators.drift(c, config.styleDrift, score, (clip) => catalogue.descriptions[clip], rng.creators);
  }

  get pendingUploads(): number {
    return this.wavs.size;
  }
}
