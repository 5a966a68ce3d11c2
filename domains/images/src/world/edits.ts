import { startOfDay, type HandlerId, type RandomStream } from '@prodsim/core';
import { ImagesError, ImagesErrorCodes } from '../errors.js';
import { sceneSvg } from '../scene/scene-svg.js';
import { sampleParams, STYLE_DIM } from '../scene/style.js';
import { ImageStatus } from './image-catalogue.js';
import type { ImagesState } from './images-state.js';

interface PendingEdit {
  id: number;
  params: Float32Array;
  png: Uint8Array;
  raw: Uint8Array;
  embedding: Float32Array;
  violation: number;
}

/**
 * Creators editing what they posted: a visible image is replaced by a new picture of the creator's
 * current style, under the same id and URL, with a new hidden truth (embedding, harm), and
 * announced by an `edit` event. Not moderated again. What a service computed from the old pixels
 * (a cached embedding, a harm score) is stale from the edit on: the staleness side of the media
 * domains' trade-off. Each day's edits are planned, rendered and run through the secret world at
 * the day start while the scheduler waits (as uploads are), and applied at their times.
 * Adversarial creators' images (and so re-uploads, which share an original's scene) are not edited.
 */
export class Edits {
  private readonly EDIT: HandlerId;
  private readonly pending: (PendingEdit | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly rng: RandomStream;
  /** Chance per visible image and day (config `editsPerImageDay`; the `edits` scenario step sets it). */
  rate: number;
  /** Edits planned so far: each new picture's scene has its own random stream by this number. */
  private sequence = 0;

  constructor(private readonly s: ImagesState) {
    this.rng = s.ctx.rng.stream('edits');
    this.rate = s.config.editsPerImageDay;
    this.EDIT = s.ctx.scheduler.register('image-edit', (time, slot) => this.apply(time, slot));
  }

  /**
   * Plans, renders and embeds the edits of the rest of the day from `from` on, at `rate` per image
   * and day: at a day start at the current rate, or the extra edits of a scenario step.
   */
  planDay(from: number, rate = this.rate): void {
    const s = this.s;
    const rng = this.rng;
    const dayEnd = startOfDay(from) + 86_400_000;
    const chosen: { id: number; time: number }[] = [];
    const share = Math.min(1, (rate * (dayEnd - from)) / 86_400_000);
    if (share <= 0) return;
    const cat = s.catalogue;
    for (let id = 0; id < cat.count; id++) {
      if (cat.status[id] !== ImageStatus.VISIBLE || cat.content[id] !== id || s.adversarial[cat.creator[id]]) continue;
      if (rng.next() >= share) continue;
      const time = from + rng.int(Math.max(1, dayEnd - from));
      chosen.push({ id, time });
    }
    if (chosen.length === 0) return;
    const params = chosen.map(({ id }) => {
      const out = new Float32Array(STYLE_DIM);
      sampleParams(s.creators.style, cat.creator[id] * STYLE_DIM, s.config.styleSpread, rng, out);
      return out;
    });
    const keys = chosen.map(() => this.sequence++);
    const slots = chosen.map(() => this.allocate());
    const ready = this.render(chosen, params, keys).then((jobs) => {
      jobs.forEach((job, i) => {
        this.pending[slots[i]] = job;
      });
    });
    s.ctx.scheduler.hold(ready);
    chosen.forEach((c, i) => s.ctx.scheduler.at(c.time, this.EDIT, slots[i]));
  }

  private async render(chosen: { id: number }[], params: Float32Array[], keys: number[]): Promise<PendingEdit[]> {
    const s = this.s;
    try {
      const svgs = chosen.map((_, i) => sceneSvg(params[i], s.ctx.rng.derive('scene-edit', keys[i]), s.config.imageSize));
      const raws = await s.renderer.rawMany(svgs);
      const batch = await s.groundTruth.run(raws);
      const dim = s.truth.dim;
      const pngs = await Promise.all(chosen.map((_, i) => s.renderer.encode(raws[i], s.effects, s.ctx.rng.derive('perturb-edit', keys[i]))));
      return chosen.map(({ id }, i) => ({
        id,
        params: params[i],
        png: pngs[i],
        raw: raws[i],
        embedding: batch.embeddings.slice(i * dim, (i + 1) * dim),
        violation: batch.violation[i],
      }));
    } catch (cause) {
      throw new ImagesError(ImagesErrorCodes.RENDER, `rendering or embedding ${chosen.length} edited images failed: ${(cause as Error)?.message ?? cause}`, {
        cause,
      });
    }
  }

  private apply(time: number, slot: number): void {
    const s = this.s;
    const job = this.pending[slot]!;
    this.pending[slot] = undefined;
    this.free.push(slot);
    const { id } = job;
    const cat = s.catalogue;
    // Blocked or removed since the day was planned: nothing to edit.
    if (cat.status[id] !== ImageStatus.VISIBLE) return;
    s.truth.set(id, job.embedding, 0, job.violation);
    cat.params.set(job.params, id * STYLE_DIM);
    cat.setColour(id, job.raw);
    cat.version[id]++;
    s.media.replace(id, job.png);
    s.counters.edits++;
    const creator = cat.creator[id];
    s.writer.emit('edit', String(id), time, { image: id, creator, url: `/image/${id}.png`, version: cat.version[id] });
  }

  private allocate(): number {
    if (this.free.length > 0) return this.free.pop()!;
    this.pending.push(undefined);
    return this.pending.length - 1;
  }
}
