import type { DomainContext, PredictionEndpoint, RandomStream } from '@prodsim/core';
import { createClassifyEndpoint, createFeedEndpoint, JsonEventWriter, MediaStore, type FeedRanking, type FeedRequest } from '@prodsim/media';
import type { AudioConfig } from '../config.js';
import { AUDIO_EVENT_SCHEMA, CLIP_LABELS, type ClipLabel } from '../events/audio-events.js';
import type { ClipRenderer } from '../synth/clip-renderer.js';
import type { TruthOracle } from '../truth/truth-oracle.js';
import type { AudioCreators } from './audio-creators.js';
import type { ClipCatalogue } from './clip-catalogue.js';
import type { Listeners } from './listeners.js';

/** `classify` request: the clip to label and where its audio is. */
export interface ClassifyRequest {
  clip: number;
  url: string;
}

export interface Counters {
  sessions: number;
  busy: number;
  nextOk: number;
  nextFailed: number;
  plays: number;
  completes: number;
  secondsListened: number;
  likes: number;
  replays: number;
  shares: number;
  reports: number;
  reviews: number;
  classifyOk: number;
  classifyFailed: number;
  /** Hidden: labels the app applied from classify answers that matched the truth. */
  classifyCorrect: number;
  /** The same for uploads made during the run (not the backlog, classified before any label exists). */
  uploadsClassified: number;
  uploadsClassifiedCorrect: number;
  uploads: number;
  /** Clips replaced by their creators (same id, new audio). */
  edits: number;
}

export function newCounters(): Counters {
  return {
    sessions: 0,
    busy: 0,
    nextOk: 0,
    nextFailed: 0,
    plays: 0,
    completes: 0,
    secondsListened: 0,
    likes: 0,
    replays: 0,
    shares: 0,
    reports: 0,
    reviews: 0,
    classifyOk: 0,
    classifyFailed: 0,
    classifyCorrect: 0,
    uploadsClassified: 0,
    uploadsClassifiedCorrect: 0,
    uploads: 0,
    edits: 0,
  };
}

/** Everything the audio world's behaviours share; built once by the plugin. */
export interface AudioState {
  readonly ctx: DomainContext;
  readonly config: AudioConfig;
  readonly catalogue: ClipCatalogue;
  readonly creators: AudioCreators;
  readonly listeners: Listeners;
  readonly store: MediaStore;
  readonly writer: JsonEventWriter<keyof typeof AUDIO_EVENT_SCHEMA.kinds>;
  readonly next: PredictionEndpoint<FeedRequest, FeedRanking>;
  readonly classify: PredictionEndpoint<ClassifyRequest, ClipLabel>;
  readonly renderer: ClipRenderer;
  readonly oracle: TruthOracle;
  readonly counters: Counters;
  readonly rng: {
    readonly creators: RandomStream;
    readonly uploads: RandomStream;
    readonly sessions: RandomStream;
    readonly reactions: RandomStream;
    readonly reviews: RandomStream;
    readonly scenario: RandomStream;
  };
}

export function createEndpoints(): { next: AudioState['next']; classify: AudioState['classify'] } {
  return {
    next: createFeedEndpoint({ name: 'next', path: '/next', itemKind: 'clip', defaultDeadlineMs: 300 }),
    classify: createClassifyEndpoint<ClassifyRequest, ClipLabel>({
      name: 'classify',
      path: '/classify',
      description: 'label a clip: POST /classify {"clip", "url"} -> {"label": "explicit" | "speech" | "other"}',
      defaultDeadlineMs: 1000,
      field: 'label',
      labels: CLIP_LABELS,
      body: (r) => ({ clip: r.clip, url: r.url }),
    }),
  };
}

export function createWriter(ctx: DomainContext, topic: string): AudioState['writer'] {
  return new JsonEventWriter(ctx.events, topic, AUDIO_EVENT_SCHEMA);
}

export function createStore(maxBytes: number): MediaStore {
  return new MediaStore({ contentType: 'audio/wav', maxBytes });
}
