import {
  Priority,
  startOfDay,
  PublicCatalog,
  type DomainContext,
  type DomainWorld,
  type PredictionEndpoint,
  type Predictor,
  type RandomStream,
  type ResearchProbe,
  type RouteDeclaration,
} from '@prodsim/core';
import { CreatorPool, communityCentres, mediaCollection, mediaRoute, ViewerPool } from '@prodsim/media';
import type { ImagesConfig } from '../config.js';
import { ImagesError, ImagesErrorCodes } from '../errors.js';
import { builtinPredictor, type PublicTallies } from '../predictors/builtin-predictors.js';
import { ImageRenderer } from '../render/renderer.js';
import { IMAGES_SCENARIO_ACTIONS, type ImagesAction } from '../scenario-actions.js';
import { randomStyle, STYLE_DIM } from '../scene/style.js';
import { affinitySd, calibrate } from '../truth/calibration.js';
import { GroundTruth } from '../truth/ground-truth.js';
import { drawReadoutShift } from '../truth/readout-shift.js';
import { TruthStore } from '../truth/truth-store.js';
import { FeedSessions } from './feed-sessions.js';
import { Edits } from './edits.js';
import { imagesAnswerValues } from './headroom.js';
import { ImagesState } from './images-state.js';
import { Moderation } from './moderation.js';
import { communityName, creatorCollection, userCollection } from './public-views.js';
import { Uploads } from './uploads.js';

const CALIBRATION_SCENES = 256;
const TASTE_AXES = 8;

/** Hidden state for research and tests (never reachable from the catalogue, routes or stream). */
export type ImagesResearchView = Pick<
  ImagesState,
  'truth' | 'viewers' | 'creators' | 'catalogue' | 'counters' | 'adversarial' | 'effects' | 'violationThreshold'
>;

/**
 * A photo-sharing world: creators post images rendered from seeded scenes, a secret ONNX world
 * says what each image is (embedding, harmfulness), users scroll feeds ranked by the `feed`
 * endpoint and react by taste, and uploads pass the `moderate` endpoint.
 */
export class ImagesWorld implements DomainWorld {
  readonly catalog: PublicCatalog;
  readonly endpoints: readonly PredictionEndpoint<any, any>[];
  readonly routes: readonly RouteDeclaration[];
  readonly probe: ResearchProbe;
  private readonly uploads: Uploads;
  private readonly moderation: Moderation;
  private readonly feeds: FeedSessions;
  private readonly edits: Edits;
  private backlogIds: number[] = [];
  private shiftRng: RandomStream | undefined;
  private started = false;
  private closed = false;

  private constructor(private readonly s: ImagesState) {
    this.uploads = new Uploads(s);
    this.moderation = new Moderation(s);
    this.feeds = new FeedSessions(s, this.moderation);
    this.edits = new Edits(s);
    this.uploads.onPublished = (_time, id, creator) => this.moderation.request(id, creator);
    this.moderation.onAdversarialBlock = (time, id) => this.uploads.reupload(time, id);
    this.endpoints = [s.feed, s.moderate];
    this.routes = [mediaRoute('image', 'png', s.media)];
    this.catalog = new PublicCatalog()
      .add(mediaCollection({ name: 'image', count: () => s.catalogue.count, view: (id) => s.catalogue.view(id) }))
      .add(userCollection(s))
      .add(creatorCollection(s));
    const feedSize = s.config.feedSize;
    this.probe = {
      userCount: s.viewers.count,
      get itemCount() {
        return s.catalogue.count;
      },
      userGroup: (u) => communityName(s.viewers.community[u]),
      itemDistance: (a, b) => s.catalogue.colourDistance(a, b),
      tasteDrift: (u) => s.viewers.tasteDrift(u),
      // The hidden affinity a feed view reports as trueValue (FeedSessions.view), before reaction
      // noise: for the oracle baseline in experiments only.
      trueValue: (u, item) => s.viewers.affinity(u, s.truth.embeddings, s.truth.offset(item)),
      slateEndpoint: {
        name: 'feed',
        size: feedSize,
        userOf: (r) => (r as { user: number }).user,
        candidatesOf: (r) => (r as { candidates: readonly number[] }).candidates,
        answer: (items) => [...items],
      },
      answerValues: imagesAnswerValues(s),
    };
  }

  static async create(ctx: DomainContext, config: ImagesConfig): Promise<ImagesWorld> {
    const groundTruth = await GroundTruth.load({ model: config.worldModel, workers: config.embedWorkers, threads: config.embedThreads }, config.imageSize);
    try {
      const renderer = new ImageRenderer(config.imageSize);
      const cal = await calibrate(groundTruth, renderer, ctx.rng, {
        scenes: CALIBRATION_SCENES,
        axes: TASTE_AXES,
        harmfulShare: config.harmfulShare,
        styleSpread: config.styleSpread,
      });
      const dim = groundTruth.dim;
      const population = ctx.rng.stream('population');
      const centres = communityCentres(config.communities, cal.axes, dim, population);
      const viewers = new ViewerPool(
        {
          count: config.users,
          dim,
          centres,
          communityWeight: config.communityWeight,
          sessionsPerDay: config.sessionsPerDay,
          activitySpread: config.activitySpread,
        },
        population,
      );
      // Tastes scaled so that affinities to this world's images have sd 1 (likeSlope is per sd).
      const images = cal.embeddings.length / dim;
      viewers.rescale(1 / affinitySd((u, i) => viewers.affinity(u, cal.embeddings, i * dim), config.users, images, ctx.rng.stream('calibration')));
      const creatorRng = ctx.rng.stream('creators');
      const creators = new CreatorPool(
        { count: config.creators, styleDim: STYLE_DIM, uploadsPerDay: config.uploadsPerDay, rateSpread: 0.8 },
        creatorRng,
        (_c, out, offset) => randomStyle(creatorRng, out, offset),
      );
      const s = new ImagesState(ctx, config, new TruthStore(dim, cal.threshold), groundTruth, renderer, viewers, creators, cal.harmfulExemplars, cal.threshold);
      const exemplars = cal.harmfulExemplars.length / STYLE_DIM;
      for (let c = 0; c < creators.count; c++) {
        if (creatorRng.next() < config.adversarialShare) {
          s.adversarial[c] = 1;
          s.exemplarOf[c] = creatorRng.int(exemplars);
        }
      }
      const world = new ImagesWorld(s);
      world.backlogIds = await world.uploads.backlog(config.initialImages);
      return world;
    } catch (error) {
      await groundTruth.close();
      throw error;
    }
  }

  defaultPredictor(): Predictor {
    const s = this.s;
    return builtinPredictor(this.tallies(), s.config.defaultFeed, s.config.defaultModerator, s.ctx.rng.stream('builtin-predictor'));
  }

  /** What a service could tally from the stream; the built-in predictors use only this. */
  tallies(): PublicTallies {
    const s = this.s;
    return {
      likes: (id) => s.catalogue.likes[id],
      impressions: (id) => s.catalogue.impressions[id],
      creatorReports: (c) => s.dayStats.totalReports[c] ?? 0,
      creatorImpressions: (c) => s.dayStats.totalImpressions[c] ?? 0,
    };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const s = this.s;
    const sch = s.ctx.scheduler;
    sch.call(s.ctx.startTime, (time) => this.announceBacklog(time), Priority.DAY_START);
    sch.onDayStart((dayStart, day) => {
      if (day > 0) this.closeDay(dayStart);
      this.uploads.planDay(dayStart);
      this.feeds.planDay(dayStart);
      this.edits.planDay(dayStart);
    });
  }

  applyScenario(action: string, params: unknown): void {
    const s = this.s;
    const spec = IMAGES_SCENARIO_ACTIONS[action as ImagesAction];
    if (!spec)
      throw new ImagesError(
        ImagesErrorCodes.SCENARIO,
        `images/v1 has no scenario action ${JSON.stringify(action)}; it has ${Object.keys(IMAGES_SCENARIO_ACTIONS).join(', ')}`,
      );
    const p = spec.params.parse(params ?? {}, `scenario ${action}`) as unknown as Record<string, never>;
    switch (action as ImagesAction) {
      case 'lighting':
        s.effects = { ...s.effects, brightness: p.brightness, contrast: p.contrast };
        break;
      case 'filter':
        s.effects = { ...s.effects, filter: p.name };
        break;
      case 'resolution':
        s.effects = { ...s.effects, resolution: p.scale };
        break;
      case 'edits': {
        // An edit storm starts now: the rest of today gets the extra edits, later days the new rate.
        const extra = (p.rate as number) - this.edits.rate;
        this.edits.rate = p.rate as number;
        // On a day boundary the day's own planning comes next and uses the new rate.
        const now = s.ctx.scheduler.now;
        if (extra > 0 && startOfDay(now) !== now) this.edits.planDay(now, extra);
        return;
      }
      case 'flash-crowd':
        this.feeds.flashCrowd(s.ctx.scheduler.now, p.factor as number, p.hours as number);
        return;
      case 'truth-shift': {
        // Nothing on the stream: a service finds out only through its users' reactions.
        const t = s.truth;
        const rng = (this.shiftRng ??= s.ctx.rng.stream('truth-shift'));
        // Tastes lie along the content's main axes, which the turn moves content off: affinities
        // would shrink and every feed would get fewer likes. Tastes are rescaled to keep the
        // spread of affinities (on the same sample of users and images), so what changes is which
        // images a user likes, not how much the app is liked.
        const pairs = Array.from({ length: 4000 }, () => [rng.int(s.viewers.count), rng.int(Math.max(1, t.count))] as const);
        const spread = () => sd(pairs.map(([u, id]) => s.viewers.affinity(u, t.embeddings, t.offset(id))));
        const before = spread();
        t.shift(drawReadoutShift(rng, t.dim, { taste: p.taste as number, harm: p.harm as number }, t.embeddings, t.violation, t.count));
        const after = spread();
        if (after > 0 && before > 0) s.viewers.rescale(before / after);
        return;
      }
      case 'adversarial': {
        const rng = s.rng.moderation;
        const exemplars = s.harmfulExemplars.length / STYLE_DIM;
        for (let c = 0; c < s.creators.count; c++) {
          if (!s.adversarial[c] && rng.next() < (p.share as number)) {
            s.adversarial[c] = 1;
            s.exemplarOf[c] = rng.int(exemplars);
          }
        }
        return;
      }
    }
    s.effectsVersion++;
  }

  private announceBacklog(time: number): void {
    const s = this.s;
    for (const id of this.backlogIds) {
      s.writer.emit('upload', String(id), time, {
        image: id,
        creator: s.catalogue.creator[id],
        url: `/image/${id}.png`,
        width: s.config.imageSize,
        height: s.config.imageSize,
        backlog: true,
      });
    }
  }

  /** The end of a day: creators' figures on the stream, and creators drift toward what was liked. */
  private closeDay(dayStart: number): void {
    const s = this.s;
    const stats = s.dayStats;
    const date = s.writer.date(dayStart - 1);
    for (let c = 0; c < s.creators.count; c++) {
      if (!stats.active(c)) continue;
      s.writer.emit('creator-stats', String(c), dayStart, {
        creator: c,
        date,
        uploads: stats.uploads[c],
        impressions: stats.impressions[c],
        likes: stats.likes[c],
        reports: stats.reports[c],
        blocked: stats.blocked[c],
      });
    }
    stats.reset();
    // Likes come from every user, whichever arm of an experiment served them (see creatorFeedback).
    if (s.config.creatorFeedback === 'off') return;
    const scratch = new Float32Array(STYLE_DIM);
    for (let c = 0; c < s.creators.count; c++) {
      if (s.adversarial[c]) continue;
      s.creators.driftTowardLiked(
        c,
        s.config.styleDrift,
        (id) => s.catalogue.likeRate(id),
        (id, out) => s.catalogue.styleOf(id, out),
        scratch,
      );
    }
  }

  summary(): Record<string, number | string> {
    const s = this.s;
    const c = s.counters;
    const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(2)}%` : 'n/a');
    const perK = (a: number, b: number) => (b > 0 ? Math.round(((1000 * a) / b) * 100) / 100 : 'n/a');
    return {
      users: s.viewers.count,
      'users active': s.viewers.active,
      'users left (after harm)': `${c.usersLeft} (${c.usersLeftAfterHarm})`,
      creators: s.creators.count,
      images: s.catalogue.published,
      uploads: c.uploads,
      'harmful uploads': pct(c.harmfulUploads, c.uploads),
      're-uploads (adversarial)': c.reuploads,
      'edits (new picture, same id)': c.edits,
      'moderation allowed / blocked': `${c.allowed} / ${c.blocked}`,
      'harmful blocked (recall)': pct(c.harmfulBlocked, c.harmfulBlocked + c.harmfulAllowed),
      'wrongful blocks': c.wrongfulBlocks,
      'moderation requests failed': c.moderationFailed,
      appeals: c.appeals,
      reinstated: c.reinstated,
      'removed after reports': c.removedAfterReports,
      'feed requests': c.feedRequests,
      'feed requests failed': c.feedFailed,
      impressions: c.impressions,
      'like rate': pct(c.likes, c.impressions),
      'skip rate': pct(c.skips, c.impressions),
      'reports per 1k impressions': perK(c.reports, c.impressions),
      'harmful impressions per 1k': perK(c.harmfulImpressions, c.impressions),
      'media held (MB)': Math.round(s.media.bytesHeld / 1e5) / 10,
    };
  }

  groundTruthCanaries(): string[] {
    const s = this.s;
    const out: string[] = [String(s.violationThreshold)];
    const dim = s.truth.dim;
    for (let i = 0; i < Math.min(20, s.catalogue.count); i++)
      out.push(String(s.truth.embeddings[i * dim]), String(s.truth.embeddings[i * dim + 7]), String(s.truth.violation[i]));
    for (let u = 0; u < Math.min(20, s.viewers.count); u++) out.push(String(s.viewers.taste[u * dim]), String(s.viewers.taste[u * dim + 3]));
    for (let c = 0; c < Math.min(20, s.creators.count); c++) out.push(String(s.creators.style[c * STYLE_DIM + 2]));
    return out.filter((x) => x !== '0' && x !== '1');
  }

  /** The hidden state, for research and tests. */
  research(): ImagesResearchView {
    const { truth, viewers, creators, catalogue, counters, adversarial, effects, violationThreshold } = this.s;
    return { truth, viewers, creators, catalogue, counters, adversarial, effects, violationThreshold };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.s.groundTruth.close();
  }
}

/** Standard deviation of a sample. */
function sd(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}
