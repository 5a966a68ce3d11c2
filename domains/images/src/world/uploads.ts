import { startOfDay, type HandlerId, type RandomStream } from '@prodsim/core';
import { ImagesError, ImagesErrorCodes } from '../errors.js';
import type { Effects } from '../render/effects.js';
import { sceneSvg } from '../scene/scene-svg.js';
import { sampleParams, STYLE_DIM } from '../scene/style.js';
import { ImageStatus } from './image-catalogue.js';
import type { ImagesState } from './images-state.js';

interface PendingUpload {
  id: number;
  creator: number;
  png: Uint8Array | undefined;
  /** The world effects and perturbation the PNG was encoded with. */
  effectsVersion: number;
  perturbation: number;
}

/** Spread of an adversarial creator's scenes around the harmful scene it imitates. */
const ADVERSARIAL_SPREAD = 0.04;

/**
 * Times an adversarial creator posts a blocked scene again before giving up on it. Without a
 * limit, a moderator that blocks every try met each block with another post, forever: a chain of
 * about 30 posts a day per blocked scene, chains piling up day by day, until re-posts were most of
 * the uploads (11,600 uploads instead of 2,400 in 12 days of an 800-user world) and their flood of
 * blocked images crowded the visible ones out of every feed's candidates.
 */
export const MAX_REPOSTS = 3;

/**
 * Creators' uploads. At each day start the day's uploads are planned (who posts when, which
 * scene), then rendered and run through the secret world in one batch while the scheduler waits
 * (`hold`), so results depend only on the seed. An image becomes public (stored, announced,
 * sent to moderation) at its upload time, never before. If the served look changed meanwhile
 * (a drift step), the PNG is encoded again at upload time.
 */
export class Uploads {
  private readonly UPLOAD: HandlerId;
  private readonly pending: (PendingUpload | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly params = new Float32Array(STYLE_DIM);
  /** Re-posts so far of each blocked scene, by the scene's original image id. */
  private readonly reposts = new Map<number, number>();
  /** Called when an upload is public: moderation takes it from there. */
  onPublished: (time: number, id: number, creator: number) => void = () => {};

  constructor(private readonly s: ImagesState) {
    this.UPLOAD = s.ctx.scheduler.register('image-upload', (time, slot) => this.upload(time, slot));
  }

  /** Images public before the run (the backlog): rendered now, visible from the start. */
  async backlog(count: number): Promise<number[]> {
    const s = this.s;
    const rng = s.rng.uploads;
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const c = rng.weighted(s.creators.rate);
      ids.push(s.catalogue.add(c, this.sceneParams(c, rng)));
    }
    const pngs = await this.renderAndEmbed(ids);
    ids.forEach((id, i) => {
      s.media.put(id, pngs[i]);
      // Spread over the week before the start.
      s.catalogue.publish(id, s.ctx.startTime - 1 - Math.floor(rng.next() * 7 * 86_400_000), ImageStatus.VISIBLE);
      s.candidates.add(id);
      s.dayStats.totalUploads[s.catalogue.creator[id]]++;
    });
    return ids;
  }

  /** Plans, renders and embeds the day's uploads, and schedules them. */
  planDay(dayStart: number): void {
    const s = this.s;
    const rng = s.rng.uploads;
    const day0 = startOfDay(dayStart);
    const planned: { time: number; creator: number }[] = [];
    for (let c = 0; c < s.creators.count; c++) {
      const n = s.creators.uploadsToday(c, rng);
      for (let k = 0; k < n; k++) {
        const time = s.diurnal.sample(day0, rng);
        // The first day may start mid-day: uploads planned before the start do not happen.
        if (time >= dayStart) planned.push({ time, creator: c });
      }
    }
    if (planned.length === 0) return;
    planned.sort((a, b) => a.time - b.time || a.creator - b.creator);
    const ids = planned.map((p) => s.catalogue.add(p.creator, this.sceneParams(p.creator, rng)));
    const slots = planned.map(() => this.allocate());
    const ready = this.renderAndEmbed(ids).then((pngs) => {
      pngs.forEach((png, i) => {
        const c = planned[i].creator;
        this.pending[slots[i]] = { id: ids[i], creator: c, png, effectsVersion: s.effectsVersion, perturbation: s.perturbation[c] };
      });
    });
    s.ctx.scheduler.hold(ready);
    planned.forEach((p, i) => s.ctx.scheduler.at(p.time, this.UPLOAD, slots[i]));
  }

  /**
   * An adversarial creator whose harmful image was blocked posts the same scene again after a
   * while, perturbed harder, up to MAX_REPOSTS times. The content (and so the hidden truth) is the
   * original's.
   */
  reupload(time: number, original: number): void {
    const s = this.s;
    const c = s.catalogue.creator[original];
    const content = s.catalogue.content[original];
    const tries = this.reposts.get(content) ?? 0;
    if (tries >= MAX_REPOSTS) return;
    this.reposts.set(content, tries + 1);
    s.perturbation[c] = Math.min(1, s.perturbation[c] + 0.25);
    s.catalogue.styleOf(original, this.params);
    const id = s.catalogue.add(c, this.params, content);
    s.truth.copy(content, id);
    s.catalogue.colour.copyWithin(id * 3, content * 3, content * 3 + 3);
    s.counters.reuploads++;
    const strength = s.perturbation[c];
    const at = time + 10 * 60_000 + s.rng.uploads.int(80 * 60_000);
    const png = this.encode(content, id, { ...s.effects, perturbation: strength });
    s.ctx.scheduler.whenReady(at, png, (bytes, t) => this.publish(t, id, c, bytes));
  }

  private upload(time: number, slot: number): void {
    const s = this.s;
    const job = this.pending[slot]!;
    this.pending[slot] = undefined;
    this.free.push(slot);
    const strength = s.adversarial[job.creator] ? s.perturbation[job.creator] : 0;
    if (job.png !== undefined && job.effectsVersion === s.effectsVersion && job.perturbation === strength) {
      this.publish(time, job.id, job.creator, job.png);
      return;
    }
    // The look of uploads changed since the day was planned: encode with today's effects.
    const png = this.encode(s.catalogue.content[job.id], job.id, this.effectsFor(job.creator));
    s.ctx.scheduler.whenReady(time, png, (bytes, t) => this.publish(t, job.id, job.creator, bytes));
  }

  private publish(time: number, id: number, creator: number, png: Uint8Array): void {
    const s = this.s;
    s.media.put(id, png);
    s.catalogue.publish(id, time, ImageStatus.PENDING);
    s.creators.remember(creator, id);
    s.dayStats.uploads[creator]++;
    s.dayStats.totalUploads[creator]++;
    s.counters.uploads++;
    if (s.truth.harmful[id]) s.counters.harmfulUploads++;
    s.writer.emit('upload', String(id), time, { image: id, creator, url: `/image/${id}.png`, width: s.config.imageSize, height: s.config.imageSize });
    this.onPublished(time, id, creator);
  }

  /** Renders clean pixels, runs the secret world on them, stores the truth, and encodes the PNGs. */
  private async renderAndEmbed(ids: readonly number[]): Promise<Uint8Array[]> {
    const s = this.s;
    try {
      const raws = await s.renderer.rawMany(ids.map((id) => this.svgOf(id)));
      const batch = await s.groundTruth.run(raws);
      const dim = s.truth.dim;
      ids.forEach((id, i) => {
        s.truth.set(id, batch.embeddings, i * dim, batch.violation[i]);
        s.catalogue.setColour(id, raws[i]);
      });
      return await Promise.all(ids.map((id, i) => s.renderer.encode(raws[i], this.effectsFor(s.catalogue.creator[id]), s.ctx.rng.derive('perturb', id))));
    } catch (cause) {
      throw new ImagesError(ImagesErrorCodes.RENDER, `rendering or embedding ${ids.length} images failed: ${(cause as Error)?.message ?? cause}`, { cause });
    }
  }

  private async encode(content: number, id: number, effects: Effects): Promise<Uint8Array> {
    try {
      const raw = await this.s.renderer.raw(this.svgOf(content));
      return await this.s.renderer.encode(raw, effects, this.s.ctx.rng.derive('perturb', id));
    } catch (cause) {
      throw new ImagesError(ImagesErrorCodes.RENDER, `rendering image ${id} failed: ${(cause as Error)?.message ?? cause}`, { cause });
    }
  }

  private effectsFor(creator: number): Effects {
    const s = this.s;
    const strength = s.adversarial[creator] ? s.perturbation[creator] : 0;
    return strength > 0 ? { ...s.effects, perturbation: strength } : s.effects;
  }

  /** The scene of image `content`: its parameters and its own random stream. */
  private svgOf(content: number): string {
    const s = this.s;
    return sceneSvg(s.catalogue.params.subarray(content * STYLE_DIM, (content + 1) * STYLE_DIM), s.ctx.rng.derive('scene', content), s.config.imageSize);
  }

  private sceneParams(creator: number, rng: RandomStream): Float32Array {
    const s = this.s;
    if (s.adversarial[creator]) sampleParams(s.harmfulExemplars, s.exemplarOf[creator] * STYLE_DIM, ADVERSARIAL_SPREAD, rng, this.params);
    else sampleParams(s.creators.style, creator * STYLE_DIM, s.config.styleSpread, rng, this.params);
    return this.params;
  }

  private allocate(): number {
    if (this.free.length > 0) return this.free.pop()!;
    this.pending.push(undefined);
    return this.pending.length - 1;
  }
}
