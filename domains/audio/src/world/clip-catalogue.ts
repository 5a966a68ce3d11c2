import { CandidatePool } from '@prodsim/media';
import type { ClipLabel } from '../events/audio-events.js';
import type { ClipDescription } from '../synth/clip-description.js';
import { applyReadoutShift, type ReadoutShift } from '../truth/readout-shift.js';
import type { ClipTruth } from '../truth/truth-oracle.js';

export const EMBEDDING_DIM = 64;
/** Label codes: -2 not published yet, -1 unlabelled (classify failed), else an index of CLIP_LABELS. */
export const PENDING = -2;
export const UNLABELLED = -1;
const LABEL_CODES: Record<ClipLabel, number> = { explicit: 0, speech: 1, other: 2 };

/**
 * Every clip of the world, struct-of-arrays by clip id (dense from 0): its description (from which
 * it was rendered), public figures, the label the app applied, and the hidden truth. Clips join
 * the candidate shelves when the app labels them: four pools, talk or music, for everyone or safe
 * mode only.
 */
export class ClipCatalogue {
  readonly descriptions: ClipDescription[] = [];
  creator = new Int32Array(256);
  published = new Float64Array(256);
  label = new Int8Array(256).fill(PENDING);
  plays = new Int32Array(256);
  completes = new Int32Array(256);
  likes = new Int32Array(256);
  reports = new Int32Array(256);
  reviewed = new Uint8Array(256);
  /** Edits so far: the audio at the clip's URL changed this many times (public). */
  version = new Int32Array(256);
  /** Hidden: the truth, and how much the recording conditions cost a listener (affinity). */
  embedding = new Float32Array(256 * EMBEDDING_DIM);
  explicitScore = new Float32Array(256);
  explicit = new Uint8Array(256);
  speechProbability = new Float32Array(256);
  speech = new Uint8Array(256);
  category = new Uint8Array(256);
  qualityPenalty = new Float32Array(256);
  readonly talkAll = new CandidatePool();
  readonly talkSafe = new CandidatePool();
  readonly musicAll = new CandidatePool();
  readonly musicSafe = new CandidatePool();
  private n = 0;
  private publishedCount = 0;
  /** Explicit score from which a clip counts as explicit (set from the backlog by `calibrateExplicit`). */
  explicitThreshold = 0.5;
  /** Readout shifts so far (scenario `truth-shift`): every clip's truth is read through them. */
  private readonly shifts: ReadoutShift[] = [];
  private readonly scratch = new Float32Array(EMBEDDING_DIM);

  get count(): number {
    return this.n;
  }

  get publishedClips(): number {
    return this.publishedCount;
  }

  /** A new clip (not public yet): its description, creator, planned publication time and truth. */
  add(description: ClipDescription, creator: number, publishAt: number, truth: ClipTruth, noiseAversion: number): number {
    const id = this.n++;
    this.ensure(this.n);
    this.descriptions.push(description);
    this.creator[id] = creator;
    this.published[id] = publishAt;
    this.setContent(id, description, truth, noiseAversion);
    return id;
  }

  /**
   * A creator replaced the clip's audio (an edit: same id, new sound): its description and
   * hidden truth are the new audio's. The label the app applied stays until someone relabels it.
   */
  edit(id: number, description: ClipDescription, truth: ClipTruth, noiseAversion: number): void {
    this.descriptions[id] = description;
    this.setContent(id, description, truth, noiseAversion);
    this.version[id]++;
  }

  private setContent(id: number, description: ClipDescription, truth: ClipTruth, noiseAversion: number): void {
    this.embedding.set(truth.embedding, id * EMBEDDING_DIM);
    let score = truth.explicitScore;
    for (const shift of this.shifts) score = applyReadoutShift(shift, this.embedding, id * EMBEDDING_DIM, score, this.scratch);
    this.explicitScore[id] = score;
    this.explicit[id] = score >= this.explicitThreshold ? 1 : 0;
    this.speechProbability[id] = truth.speechProbability;
    this.speech[id] = truth.speech ? 1 : 0;
    this.category[id] = truth.category;
    const r = description.recording;
    // Listeners dislike hiss, muffled phone-band audio, very quiet clips and clipping.
    this.qualityPenalty[id] =
      noiseAversion * r.noise +
      (r.sampleRate < 11_000 ? 0.5 : r.sampleRate < 16_000 ? 0.2 : 0) +
      (r.level < 0.15 ? 0.4 : 0) +
      (r.level > 1 ? 0.6 * (r.level - 1) + 0.2 : 0);
  }

  /**
   * Sets the explicit threshold so that `share` of the clips so far count as explicit (the world's
   * hidden policy: the score is the model's, where the line falls is the platform's).
   */
  calibrateExplicit(share: number): void {
    const scores = Array.from(this.explicitScore.subarray(0, this.n)).sort((a, b) => a - b);
    if (scores.length === 0) return;
    const k = Math.min(scores.length - 1, Math.max(0, Math.floor((1 - share) * scores.length)));
    this.explicitThreshold = share <= 0 ? Infinity : share >= 1 ? -Infinity : scores[k];
    for (let i = 0; i < this.n; i++) this.explicit[i] = this.explicitScore[i] >= this.explicitThreshold ? 1 : 0;
  }

  /**
   * The world model's readout changes (scenario `truth-shift`): every clip's embedding and explicit
   * score now, and every clip made or edited later as it is stored. The explicit threshold stays.
   */
  shift(shift: ReadoutShift): void {
    this.shifts.push(shift);
    for (let id = 0; id < this.n; id++) {
      this.explicitScore[id] = applyReadoutShift(shift, this.embedding, id * EMBEDDING_DIM, this.explicitScore[id], this.scratch);
      this.explicit[id] = this.explicitScore[id] >= this.explicitThreshold ? 1 : 0;
    }
  }

  markPublished(id: number): void {
    if (this.label[id] === PENDING) {
      this.label[id] = UNLABELLED;
      this.publishedCount++;
    }
  }

  isPublished(id: number): boolean {
    return id < this.n && this.label[id] !== PENDING;
  }

  /** The true label a perfect classifier gives: explicit, else speech, else other. */
  trueLabel(id: number): ClipLabel {
    return this.explicit[id] ? 'explicit' : this.speech[id] ? 'speech' : 'other';
  }

  labelName(id: number): ClipLabel | null {
    const code = this.label[id];
    return code === 0 ? 'explicit' : code === 1 ? 'speech' : code === 2 ? 'other' : null;
  }

  /** Applies a label (undefined: the request failed) and puts the clip on the shelves it allows. */
  applyLabel(id: number, label: ClipLabel | undefined): void {
    for (const pool of [this.talkAll, this.talkSafe, this.musicAll, this.musicSafe]) pool.remove(id);
    this.label[id] = label === undefined ? UNLABELLED : LABEL_CODES[label];
    if (label === 'speech') {
      this.talkAll.add(id);
      this.talkSafe.add(id);
    } else if (label === 'other') {
      this.musicAll.add(id);
      this.musicSafe.add(id);
    } else {
      // Explicit or unknown: offered to both kinds of session, but never in safe mode.
      this.talkAll.add(id);
      this.musicAll.add(id);
    }
  }

  pool(talk: boolean, safe: boolean): CandidatePool {
    return talk ? (safe ? this.talkSafe : this.talkAll) : safe ? this.musicSafe : this.musicAll;
  }

  private ensure(size: number): void {
    if (size <= this.creator.length) return;
    const cap = Math.max(size, this.creator.length * 2);
    this.creator = grow(this.creator, cap);
    this.published = grow(this.published, cap);
    const label = new Int8Array(cap).fill(PENDING);
    label.set(this.label);
    this.label = label;
    this.plays = grow(this.plays, cap);
    this.completes = grow(this.completes, cap);
    this.likes = grow(this.likes, cap);
    this.reports = grow(this.reports, cap);
    this.reviewed = grow(this.reviewed, cap);
    this.version = grow(this.version, cap);
    this.embedding = grow(this.embedding, cap * EMBEDDING_DIM);
    this.explicitScore = grow(this.explicitScore, cap);
    this.explicit = grow(this.explicit, cap);
    this.speechProbability = grow(this.speechProbability, cap);
    this.speech = grow(this.speech, cap);
    this.category = grow(this.category, cap);
    this.qualityPenalty = grow(this.qualityPenalty, cap);
  }
}

type Typed = Int32Array | Float64Array | Float32Array | Uint8Array;

function grow<T extends Typed>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a as never);
  return b;
}
