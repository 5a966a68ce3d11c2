import { RandomStream } from '@prodsim/core';
import { rowNorm, topScored } from './catalogue-scores.js';
import { ConsumedItems } from './consumed-items.js';
import { rankBy, type IndexRecommender } from './index-recommender.js';
import { InteractionLog } from './interaction-log.js';
import { ItemBlocks } from './item-blocks.js';

/**
 * SGD steps between rebuilds of the item blocks that let requests skip items (about 1,000
 * interactions): their bounds only rise in between, so they loosen as training goes on.
 */
const REBUILD_BLOCKS_EVERY = 32_768;

export interface MfOptions {
  /** Latent dimensions. */
  factors?: number;
  learningRate?: number;
  /** L2 penalty on the latent vectors and item biases. */
  regularisation?: number;
  /** SGD steps on uniformly sampled past interactions after each new one. */
  replay?: number;
}

/**
 * Matrix factorisation for implicit feedback, trained with BPR (Rendle et al. 2009): a consumed
 * item should outscore an item the user has not consumed, with the score
 *
 *   score(u, i) = b_i + p_u . q_i
 *
 * Item biases carry popularity (and give new users, whose vectors are still noise, sensible
 * answers). There is no user bias: BPR's loss depends only on score(u, i) - score(u, j), in which
 * a user's bias cancels, so it would never receive a gradient (a pointwise model that predicts
 * ratings would need one; the stream's consumption is implicit feedback, so BPR it is).
 *
 * Training is online but not one-pass: every new interaction is one SGD step, followed by
 * `replay` steps on interactions drawn uniformly from everything observed so far (kept in typed
 * arrays), which approximates a team retraining on all its data and lets the model converge over
 * a run at a bounded cost per interaction. Negatives are drawn uniformly from the known items,
 * avoiding the user's consumed ones. All draws come from one seeded stream.
 */
export class MfBaseline implements IndexRecommender {
  readonly name = 'mf';
  private readonly rng: RandomStream;
  private readonly factors: number;
  private readonly learningRate: number;
  private readonly regularisation: number;
  private readonly replay: number;
  private users: Float32Array<ArrayBuffer> = new Float32Array(0);
  private items: Float32Array<ArrayBuffer> = new Float32Array(0);
  private bias: Float32Array<ArrayBuffer> = new Float32Array(0);
  /** Each item row's Euclidean norm, kept current as training moves the row (see `topScored`). */
  private norms = new Float64Array(0);
  private readonly blocks = new ItemBlocks();
  /** SGD steps since the blocks were last rebuilt. */
  private stepsSinceBlocks = 0;
  private scores = new Float64Array(0);
  private readonly log = new InteractionLog();
  /**
   * Where the draws' first loads of the users' rows land: a sum kept only so that the compiler
   * keeps those loads, which start the rows' cache misses while the draws go on.
   */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: only written, to keep the loads
  private touched = 0;
  /** One interaction's replayed steps, drawn before they are taken. */
  private readonly replayed: { users: Int32Array; positives: Int32Array; negatives: Int32Array; weights: Float32Array };
  /** Items known to exist (observed or asked about): the range of negative samples. */
  private knownItems = 0;

  /** `consumed`: a record other baselines in the world may share (see ConsumedItems). */
  constructor(
    seed: string,
    options: MfOptions = {},
    readonly consumed = new ConsumedItems(),
  ) {
    this.rng = new RandomStream(`baseline-mf/${seed}`);
    // Tuned on planted taste clusters (mf-baseline.test.ts): with 10 interactions per user, 32
    // replayed steps per interaction put ~94% of recommendations in the user's cluster (16
    // steps: ~75%, none: chance); regularisation 0.1 beat 0.01-0.05, and a Zipf-popularity world
    // with weak tastes showed the same order. 16 factors did about as well as 32 there (the
    // movies truth has 8 latent factors plus genres) at half the cost of scoring the catalogue
    // on every request, which was most of a run's time before the norm bounds of topScored.
    // Training costs 33 SGD steps per interaction, the larger cost now: about 13 million steps
    // for the 400,000 interactions of a filter-bubble replication (10,000 users x 90 days).
    this.factors = options.factors ?? 16;
    this.learningRate = options.learningRate ?? 0.1;
    this.regularisation = options.regularisation ?? 0.1;
    this.replay = options.replay ?? 32;
    this.replayed = {
      users: new Int32Array(this.replay),
      positives: new Int32Array(this.replay),
      negatives: new Int32Array(this.replay),
      weights: new Float32Array(this.replay),
    };
  }

  recommend(user: number, k: number, itemCount: number): number[] {
    if (itemCount <= 0) return [];
    this.ensure(user, itemCount - 1);
    if (this.scores.length < itemCount) this.scores = new Float64Array(itemCount);
    if (this.stepsSinceBlocks >= REBUILD_BLOCKS_EVERY || this.blocks.covered < itemCount) {
      // The order's guess at a typical user: this one.
      this.blocks.rebuild(this.bias, this.norms, this.items.length / this.factors, rowNorm(this.users, user, this.factors));
      this.stepsSinceBlocks = 0;
    }
    const { users, items, bias, norms, blocks, factors, scores } = this;
    return this.consumed.withMask(user, itemCount, (mask) => topScored({ users, items, bias, norms, blocks, factors }, user, itemCount, k, mask, scores));
  }

  rank(user: number, candidates: readonly number[], k: number): number[] {
    this.ensure(
      user,
      candidates.reduce((a, b) => Math.max(a, b), 0),
    );
    return this.consumed.lastIfConsumed(
      user,
      rankBy(candidates, candidates.length, (i) => this.score(user, i)),
      k,
    );
  }

  interaction(_time: number, user: number, item: number, _recommended: boolean, engagement: number): void {
    this.ensure(user, item);
    this.consumed.add(user, item);
    // Longer engagement is a stronger positive signal (still never the hidden true value).
    const weight = Math.min(2, 0.5 + Math.log1p(Math.max(0, engagement)) / 4);
    this.log.add(user, item, weight);
    const negative = this.negative(user, item);
    if (negative >= 0) this.step(user, item, negative, weight);
    // The replayed steps are all drawn, then taken in order. A step changes nothing a draw reads
    // (the log, the consumed sets, the known items), so these are the steps that drawing and
    // stepping by turns would take. Drawn together, the draws' loads from the log and the
    // consumed sets and the users' rows (a cache miss each: the log is megabytes) overlap one
    // another.
    const { replayed } = this;
    let steps = 0;
    let touch = 0;
    for (let r = 0; r < this.replay; r++) {
      const i = this.rng.int(this.log.length);
      const u = this.log.user(i);
      const p = this.log.item(i);
      const n = this.negative(u, p);
      if (n < 0) continue;
      touch += this.users[u * this.factors];
      replayed.users[steps] = u;
      replayed.positives[steps] = p;
      replayed.negatives[steps] = n;
      replayed.weights[steps++] = this.log.weight(i);
    }
    this.touched = touch;
    for (let r = 0; r < steps; r++) this.step(replayed.users[r], replayed.positives[r], replayed.negatives[r], replayed.weights[r]);
  }

  slate(): void {}
  outcome(): void {}

  private score(user: number, item: number): number {
    const f = this.factors;
    const u = user * f;
    const v = item * f;
    let dot = this.bias[item];
    for (let d = 0; d < f; d++) dot += this.users[u + d] * this.items[v + d];
    return dot;
  }

  /** One BPR step: the positive up, the negative down, for this user. */
  private step(user: number, positive: number, negative: number, weight: number): void {
    const { users, items, bias } = this;
    const f = this.factors;
    const u = user * f;
    const p = positive * f;
    const n = negative * f;
    let x = bias[positive] - bias[negative];
    for (let d = 0; d < f; d++) x += users[u + d] * (items[p + d] - items[n + d]);
    const lr = this.learningRate;
    const decay = lr * this.regularisation;
    const g = (weight * lr) / (1 + Math.exp(x));
    // The item rows' new norms from the values as stored (Math.fround rounds as the store does).
    let pp = 0;
    let nn = 0;
    for (let d = 0; d < f; d++) {
      const uf = users[u + d];
      const pf = items[p + d];
      const nf = items[n + d];
      users[u + d] = uf + g * (pf - nf) - decay * uf;
      const pNext = Math.fround(pf + g * uf - decay * pf);
      const nNext = Math.fround(nf - g * uf - decay * nf);
      items[p + d] = pNext;
      items[n + d] = nNext;
      pp += pNext * pNext;
      nn += nNext * nNext;
    }
    this.norms[positive] = Math.sqrt(pp);
    this.norms[negative] = Math.sqrt(nn);
    bias[positive] += g - decay * bias[positive];
    bias[negative] += -g - decay * bias[negative];
    this.blocks.raise(positive, bias[positive], this.norms[positive]);
    this.blocks.raise(negative, bias[negative], this.norms[negative]);
    this.stepsSinceBlocks++;
  }

  /** A known item the user has not consumed, or -1 if a few draws found none (then skip the step). */
  private negative(user: number, positive: number): number {
    for (let tries = 0; tries < 4; tries++) {
      const j = this.rng.int(this.knownItems);
      if (j !== positive && !this.consumed.has(user, j)) return j;
    }
    return -1;
  }

  private ensure(user: number, item: number): void {
    const f = this.factors;
    if (item >= this.knownItems) this.knownItems = item + 1;
    if ((user + 1) * f > this.users.length) this.users = this.grow(this.users, Math.max(user + 1, (this.users.length / f) * 2, 64));
    if ((item + 1) * f > this.items.length) {
      const rows = Math.max(item + 1, (this.items.length / f) * 2, 64);
      const known = this.items.length / f;
      this.items = this.grow(this.items, rows);
      const bias = new Float32Array(rows);
      bias.set(this.bias);
      this.bias = bias;
      const norms = new Float64Array(rows);
      norms.set(this.norms);
      for (let i = known; i < rows; i++) norms[i] = rowNorm(this.items, i, f);
      this.norms = norms;
    }
  }

  private grow(old: Float32Array, rows: number): Float32Array<ArrayBuffer> {
    const next = new Float32Array(rows * this.factors);
    next.set(old);
    for (let i = old.length; i < next.length; i++) next[i] = this.rng.normal(0, 0.1);
    return next;
  }
}
