import type { DomainContext, PredictionEndpoint, RandomStream } from '@prodsim/core';
import {
  CandidatePool,
  type CreatorPool,
  createClassifyEndpoint,
  createFeedEndpoint,
  DiurnalProfile,
  JsonEventWriter,
  MediaStore,
  type ViewerPool,
  type FeedRanking,
  type FeedRequest,
} from '@prodsim/media';
import type { ImagesConfig } from '../config.js';
import { IMAGES_EVENT_SCHEMA, type ImagesEventKind } from '../events/images-events.js';
import { NO_EFFECTS, type Effects } from '../render/effects.js';
import type { ImageRenderer } from '../render/renderer.js';
import type { GroundTruth } from '../truth/ground-truth.js';
import type { TruthStore } from '../truth/truth-store.js';
import { CreatorDayStats } from './creator-day-stats.js';
import { ImageCatalogue } from './image-catalogue.js';

export interface ModerateRequest {
  image: number;
  creator: number;
  url: string;
}

export type Decision = 'allow' | 'block';

export interface Counters {
  uploads: number;
  harmfulUploads: number;
  reuploads: number;
  edits: number;
  allowed: number;
  blocked: number;
  harmfulBlocked: number;
  harmfulAllowed: number;
  wrongfulBlocks: number;
  moderationFailed: number;
  appeals: number;
  reinstated: number;
  removedAfterReports: number;
  feedRequests: number;
  feedFailed: number;
  sessionsSkippedBusy: number;
  impressions: number;
  harmfulImpressions: number;
  likes: number;
  skips: number;
  reports: number;
  usersLeft: number;
  usersLeftAfterHarm: number;
  affinitySum: number;
}

export function newCounters(): Counters {
  return {
    uploads: 0,
    harmfulUploads: 0,
    reuploads: 0,
    edits: 0,
    allowed: 0,
    blocked: 0,
    harmfulBlocked: 0,
    harmfulAllowed: 0,
    wrongfulBlocks: 0,
    moderationFailed: 0,
    appeals: 0,
    reinstated: 0,
    removedAfterReports: 0,
    feedRequests: 0,
    feedFailed: 0,
    sessionsSkippedBusy: 0,
    impressions: 0,
    harmfulImpressions: 0,
    likes: 0,
    skips: 0,
    reports: 0,
    usersLeft: 0,
    usersLeftAfterHarm: 0,
    affinitySum: 0,
  };
}

/** What the parts of an images world share: the context, stores, pools and random streams. */
export class ImagesState {
  readonly catalogue: ImageCatalogue;
  readonly media: MediaStore;
  readonly candidates = new CandidatePool();
  readonly writer: JsonEventWriter<ImagesEventKind>;
  readonly feed: PredictionEndpoint<FeedRequest, FeedRanking>;
  readonly moderate: PredictionEndpoint<ModerateRequest, Decision>;
  readonly dayStats: CreatorDayStats;
  readonly diurnal = new DiurnalProfile();
  readonly counters = newCounters();
  /** 1 for creators who post harmful scenes on purpose (hidden). */
  readonly adversarial: Uint8Array;
  /** Index of the harmful exemplar an adversarial creator imitates. */
  readonly exemplarOf: Int32Array;
  /** An adversarial creator's current perturbation strength, 0..1 (hidden). */
  readonly perturbation: Float32Array;
  /** The world's current drift of served pixels; `effectsVersion` counts changes. */
  effects: Effects = { ...NO_EFFECTS };
  effectsVersion = 0;
  readonly rng: {
    uploads: RandomStream;
    sessions: RandomStream;
    reactions: RandomStream;
    moderation: RandomStream;
    scroll: RandomStream;
  };

  constructor(
    readonly ctx: DomainContext,
    readonly config: ImagesConfig,
    readonly truth: TruthStore,
    readonly groundTruth: GroundTruth,
    readonly renderer: ImageRenderer,
    readonly viewers: ViewerPool,
    readonly creators: CreatorPool,
    /** Scene parameters of harmful calibration scenes, k x STYLE_DIM (adversarial creators imitate them). */
    readonly harmfulExemplars: Float32Array,
    /** The hidden violation score above which an image is harmful. */
    readonly violationThreshold: number,
  ) {
    this.catalogue = new ImageCatalogue(config.imageSize);
    this.media = new MediaStore({ contentType: 'image/png', maxBytes: config.maxMediaBytes });
    this.writer = new JsonEventWriter(ctx.events, config.topic, IMAGES_EVENT_SCHEMA);
    this.feed = createFeedEndpoint({ itemKind: 'image', defaultDeadlineMs: 300 });
    this.moderate = createClassifyEndpoint<ModerateRequest, Decision>({
      name: 'moderate',
      path: '/moderate',
      description: 'decide on a new upload: POST /moderate {"image", "creator", "url"} -> {"decision": "allow" | "block"}',
      defaultDeadlineMs: 500,
      field: 'decision',
      labels: ['allow', 'block'],
      body: (r) => ({ image: r.image, creator: r.creator, url: r.url }),
    });
    this.dayStats = new CreatorDayStats(creators.count);
    this.adversarial = new Uint8Array(creators.count);
    this.exemplarOf = new Int32Array(creators.count);
    this.perturbation = new Float32Array(creators.count);
    this.rng = {
      uploads: ctx.rng.stream('uploads'),
      sessions: ctx.rng.stream('sessions'),
      reactions: ctx.rng.stream('reactions'),
      moderation: ctx.rng.stream('moderation'),
      scroll: ctx.rng.stream('scroll'),
    };
  }

  get now(): number {
    return this.ctx.scheduler.now;
  }
}
