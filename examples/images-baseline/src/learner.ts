import type { Communities } from './communities.js';
import type { FeatureCache } from './feature-cache.js';
import { Logistic } from './logistic.js';
import { Ridge } from './ridge.js';
import { FEATURES } from './pixel-features.js';

export interface LearnerOptions {
  /** Block an upload when the harm model's probability is above this. */
  blockThreshold: number;
  /** Reports (positive examples) the harm model needs before it blocks anything. */
  minPositives: number;
  /** Labelled views a community's like model needs before it ranks for that community. */
  minCommunityExamples: number;
  /** Impressions without a report after which an image counts as harmless. */
  harmlessAfter: number;
}

export const DEFAULT_LEARNER_OPTIONS: LearnerOptions = { blockThreshold: 0.5, minPositives: 10, minCommunityExamples: 300, harmlessAfter: 20 };

export interface LearnerStats {
  lines: number;
  badLines: number;
  likeExamples: number;
  harmExamples: number;
  harmPositives: number;
  ranked: number;
  rankedByPopularity: number;
  allowed: number;
  blocked: number;
}

const EXTRA = 2;

/**
 * What the example learns from the stream, with pixel features of the served images:
 *
 * - a like model per user community (logistic regression on the 8x8 pixels): a view followed by
 *   a like is a positive, a view without one a negative. Feeds rank candidates by it (by like
 *   rate so far until the community's model has seen enough views).
 * - a harm model (ridge regression on pixels plus the creator's report record, refitted as labels
 *   come): images users reported (twice, or often for how much they were seen), and those human
 *   review removed or upheld, are positives; images seen many times without a report, and
 *   those review kept or reinstated, negatives. Uploads it finds likely harmful are blocked, and
 *   feeds put reported or likely harmful images last (the backlog was never moderated).
 *
 * Features are computed when an image is uploaded (from the stream's `upload` event, or the
 * moderate request that comes with it), so a feed request only looks them up.
 */
export class ImagesLearner {
  readonly stats: LearnerStats = {
    lines: 0,
    badLines: 0,
    likeExamples: 0,
    harmExamples: 0,
    harmPositives: 0,
    ranked: 0,
    rankedByPopularity: 0,
    allowed: 0,
    blocked: 0,
  };
  private readonly options: LearnerOptions;
  private readonly likeModels = new Map<string, Logistic>();
  private readonly harm = new Ridge(FEATURES + EXTRA, 1, 20);
  /** The image each user is looking at (from `dwell`), until a like (or the next view) labels it. */
  private readonly viewing = new Map<number, number>();
  private readonly creatorOf = new Map<number, number>();
  private readonly creatorReports = new Map<number, number>();
  private readonly creatorImpressions = new Map<number, number>();
  private readonly likes = new Map<number, number>();
  private readonly impressions = new Map<number, number>();
  private readonly imageReports = new Map<number, number>();
  /** Images already labelled for the harm model (1 harmful, 0 harmless). */
  private readonly harmLabel = new Map<number, number>();

  constructor(
    private readonly features: FeatureCache,
    private readonly communities: Communities,
    options: Partial<LearnerOptions> = {},
  ) {
    this.options = { ...DEFAULT_LEARNER_OPTIONS, ...options };
  }

  /** One line of the stream. Lines that are not JSON events are counted and skipped. */
  handle(line: string): void {
    this.stats.lines++;
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(line);
    } catch {
      this.stats.badLines++;
      return;
    }
    const user = e.user as number;
    const image = e.image as number;
    switch (e.kind) {
      case 'upload':
        this.creatorOf.set(image, e.creator as number);
        void this.features.fetch(image);
        break;
      case 'edit':
        // Same id, new picture: its features, like rate and harm label were of the old one.
        this.features.invalidate(image);
        for (const tally of [this.likes, this.impressions, this.imageReports, this.harmLabel]) tally.delete(image);
        void this.features.fetch(image);
        break;
      case 'impression':
        this.bump(this.impressions, image);
        this.bump(this.creatorImpressions, this.creatorOf.get(image) ?? -1);
        if ((this.impressions.get(image) ?? 0) >= this.options.harmlessAfter && !this.harmLabel.has(image) && (this.imageReports.get(image) ?? 0) <= 1)
          this.learnHarm(image, 0);
        break;
      case 'dwell':
        this.settle(user);
        this.viewing.set(user, image);
        break;
      case 'like':
        this.bump(this.likes, image);
        if (this.viewing.get(user) === image) {
          this.viewing.delete(user);
          void this.learnLike(user, image, 1);
        }
        break;
      case 'feed':
        this.settle(user);
        break;
      case 'report': {
        this.bump(this.creatorReports, this.creatorOf.get(image) ?? -1);
        // One report on a much-viewed image is likely a mistake; harmful images draw them fast.
        const reports = this.bump(this.imageReports, image);
        if (this.harmLabel.get(image) !== 1 && (reports >= 2 || reports / (this.impressions.get(image) ?? 1) >= 0.15)) this.learnHarm(image, 1);
        break;
      }
      case 'review':
        if (e.decision === 'removed' || e.decision === 'upheld') this.learnHarm(image, 1);
        else this.learnHarm(image, 0);
        break;
      default:
        break;
    }
  }

  /** Candidates best first for a user, from what is known now (never waits for the network). */
  rank(user: number, candidates: readonly number[]): number[] {
    this.stats.ranked++;
    const community = this.communities.get(user);
    if (community === undefined) void this.communities.fetch(user);
    const model = community === undefined ? undefined : this.likeModels.get(community);
    const usable = model !== undefined && model.examples >= this.options.minCommunityExamples ? model : undefined;
    if (!usable) this.stats.rankedByPopularity++;
    const harmReady = this.harm.positives >= this.options.minPositives;
    const scores = new Map<number, number>();
    for (const id of candidates) {
      const f = this.features.get(id);
      if (f === undefined) void this.features.fetch(id);
      // Images without features yet sit at the popularity prior, below well-scored ones.
      let score = f && usable ? usable.logit(f) : Math.log(((this.likes.get(id) ?? 0) + 1) / ((this.impressions.get(id) ?? 0) + 10));
      // What users reported, or what looks harmful, goes to the bottom: a report costs more than a like gains.
      const reports = this.imageReports.get(id) ?? 0;
      if (reports >= 2) score -= 10;
      if (harmReady && f) score -= 8 * Math.max(0, this.harm.predict(this.harmInput(f, this.creatorOf.get(id) ?? -1)) - 0.25);
      scores.set(id, score);
    }
    return [...candidates].sort((a, b) => scores.get(b)! - scores.get(a)!);
  }

  /** allow or block an upload: fetches its features now (they are kept for the feed). */
  async moderate(image: number, creator: number): Promise<'allow' | 'block'> {
    this.creatorOf.set(image, creator);
    const f = await this.features.fetch(image);
    if (f === undefined || this.harm.positives < this.options.minPositives) {
      this.stats.allowed++;
      return 'allow';
    }
    const p = this.harm.predict(this.harmInput(f, creator));
    const decision = p > this.options.blockThreshold ? 'block' : 'allow';
    this.stats[decision === 'block' ? 'blocked' : 'allowed']++;
    return decision;
  }

  /** A view without a like before the user's next view is a negative. */
  private settle(user: number): void {
    const image = this.viewing.get(user);
    if (image === undefined) return;
    this.viewing.delete(user);
    void this.learnLike(user, image, 0);
  }

  private async learnLike(user: number, image: number, label: number): Promise<void> {
    const community = this.communities.get(user) ?? (await this.communities.fetch(user));
    const f = this.features.get(image) ?? (await this.features.fetch(image));
    if (community === undefined || f === undefined) return;
    let model = this.likeModels.get(community);
    if (!model) this.likeModels.set(community, (model = new Logistic(FEATURES, 0.05, 1e-4)));
    model.learn(f, label);
    this.stats.likeExamples++;
  }

  private learnHarm(image: number, label: number): void {
    const f = this.features.get(image);
    this.harmLabel.set(image, label);
    if (f === undefined) return;
    this.harm.add(this.harmInput(f, this.creatorOf.get(image) ?? -1), label);
    this.stats.harmExamples++;
    if (label === 1) this.stats.harmPositives++;
  }

  private harmInput(f: Float32Array, creator: number): Float32Array {
    const x = new Float32Array(FEATURES + EXTRA);
    x.set(f);
    const reports = this.creatorReports.get(creator) ?? 0;
    const seen = this.creatorImpressions.get(creator) ?? 0;
    x[FEATURES] = Math.log1p(reports) / 2;
    x[FEATURES + 1] = Math.min(3, (100 * reports) / (seen + 50));
    return x;
  }

  private bump(map: Map<number, number>, key: number): number {
    const n = (map.get(key) ?? 0) + 1;
    map.set(key, n);
    return n;
  }
}
