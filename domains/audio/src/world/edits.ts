import { startOfDay, type HandlerId, type RandomStream } from '@prodsim/core';
import { SAMPLE_RATE } from '@prodsim/ground-truth-models';
import type { ClipDescription } from '../synth/clip-description.js';
import type { ClipTruth } from '../truth/truth-oracle.js';
import { encodeWav } from '../wav/wav-encode.js';
import type { AudioState } from './audio-state.js';

interface PendingEdit {
  clip: number;
  description: ClipDescription;
  truth: ClipTruth;
  wav: Uint8Array;
}

/**
 * Creators editing what they published: a clip's audio is replaced by a new clip of the creator's
 * current style, under the same id and URL, with a new hidden truth, and announced by an `edit`
 * event. The app does not classify it again, so its label may no longer fit. Features a service
 * computed from the old audio are stale from the edit on: the staleness side of the media
 * domains' trade-off. Each day's edits are planned, rendered and judged by the truth models at the
 * day start while the run holds (as uploads are), and applied at their times.
 */
export class Edits {
  private readonly EDIT: HandlerId;
  private readonly pending: (PendingEdit | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly rng: RandomStream;
  /** Chance per published clip and day (config `editsPerClipDay`; the `edits` scenario step sets it). */
  rate: number;
  /** Edits planned so far: each new clip's sound has its own random stream by this number. */
  private sequence = 0;

  constructor(private readonly s: AudioState) {
    this.rng = s.ctx.rng.stream('edits');
    this.rate = s.config.editsPerClipDay;
    this.EDIT = s.ctx.scheduler.register('audio-edit', (time, slot) => this.apply(time, slot));
  }

  /** Plans the edits of the rest of the day from `from` on, at `rate` per clip and day. */
  planDay(from: number, rate = this.rate): void {
    const { catalogue, creators, ctx } = this.s;
    const dayEnd = startOfDay(from) + 86_400_000;
    const share = Math.min(1, (rate * (dayEnd - from)) / 86_400_000);
    if (share <= 0) return;
    const chosen: { clip: number; time: number }[] = [];
    for (let clip = 0; clip < catalogue.count; clip++) {
      if (!catalogue.isPublished(clip) || this.rng.next() >= share) continue;
      chosen.push({ clip, time: from + this.rng.int(Math.max(1, dayEnd - from)) });
    }
    if (chosen.length === 0) return;
    const descriptions = chosen.map(({ clip }) => creators.describe(catalogue.creator[clip], this.rng));
    const keys = chosen.map(() => this.sequence++);
    const slots = chosen.map(() => this.allocate());
    ctx.scheduler.hold(
      this.render(descriptions, keys).then((made) => {
        made.forEach(({ truth, wav }, i) => {
          this.pending[slots[i]] = { clip: chosen[i].clip, description: descriptions[i], truth, wav };
        });
      }),
    );
    chosen.forEach((c, i) => ctx.scheduler.at(c.time, this.EDIT, slots[i]));
  }

  private async render(descriptions: ClipDescription[], keys: number[]): Promise<{ truth: ClipTruth; wav: Uint8Array }[]> {
    const { renderer, oracle, ctx } = this.s;
    const clips = descriptions.map((d, i) => {
      try {
        return renderer.render(d, ctx.rng.derive('clip-edit', keys[i]));
      } catch {
        // A voice that cannot be rendered (the TTS engine failed): the edit brings a babble instead.
        descriptions[i] = { kind: 'babble', seconds: d.seconds, pitchHz: 140, syllableRate: 4.5, bed: 0, recording: d.recording };
        return renderer.render(descriptions[i], ctx.rng.derive('clip-edit', keys[i]));
      }
    });
    const truths = await oracle.truths(clips);
    return clips.map((samples, i) => ({ truth: truths[i], wav: encodeWav(samples, SAMPLE_RATE) }));
  }

  private apply(time: number, slot: number): void {
    const { catalogue, store, writer, counters, config } = this.s;
    const job = this.pending[slot]!;
    this.pending[slot] = undefined;
    this.free.push(slot);
    const { clip } = job;
    catalogue.edit(clip, job.description, job.truth, config.noiseAversion);
    store.replace(clip, job.wav);
    counters.edits++;
    writer.emit('edit', String(clip), time, {
      clip,
      creator: catalogue.creator[clip],
      url: `/audio/${clip}.wav`,
      seconds: job.description.seconds,
      version: catalogue.version[clip],
    });
  }

  private allocate(): number {
    if (this.free.length > 0) return this.free.pop()!;
    this.pending.push(undefined);
    return this.pending.length - 1;
  }
}
