import type { EntityCollection } from '@prodsim/core';
import { mediaCollection } from '@prodsim/media';
import type { AudioCreators } from './audio-creators.js';
import type { ClipCatalogue } from './clip-catalogue.js';
import type { Listeners } from './listeners.js';

/** Public metadata of a clip (`GET /audio/:id`): what the app shows, nothing of the truth. */
export interface ClipView {
  id: number;
  creator: number;
  published: string;
  seconds: number;
  url: string;
  /** The label the app applied (classify or review); null while unlabelled. */
  label: string | null;
  reviewed: boolean;
  plays: number;
  completes: number;
  likes: number;
  /** 0 as published; each edit (announced on the stream) makes it one more: new audio, same id. */
  version: number;
}

export function clipCollection(catalogue: ClipCatalogue): EntityCollection<ClipView> {
  return mediaCollection<ClipView>({
    name: 'audio',
    count: () => catalogue.count,
    view: (id) =>
      catalogue.isPublished(id)
        ? {
            id,
            creator: catalogue.creator[id],
            published: new Date(catalogue.published[id]).toISOString(),
            seconds: catalogue.descriptions[id].seconds,
            url: `/audio/${id}.wav`,
            label: catalogue.labelName(id),
            reviewed: catalogue.reviewed[id] === 1,
            plays: catalogue.plays[id],
            completes: catalogue.completes[id],
            likes: catalogue.likes[id],
            version: catalogue.version[id],
          }
        : undefined,
  });
}

/** `GET /user/:id`: a listener's public face (community and safe mode). */
export function userCollection(listeners: Listeners): EntityCollection<{ id: number; community: number; safeMode: boolean }> {
  return {
    name: 'user',
    idPattern: /^\d{1,9}$/,
    get size() {
      return listeners.count;
    },
    get: (id) =>
      /^\d{1,9}$/.test(id) && Number(id) < listeners.count
        ? { id: Number(id), community: listeners.pool.community[Number(id)], safeMode: listeners.safe[Number(id)] === 1 }
        : undefined,
    sampleIds: (n) => spread(n, listeners.count),
  };
}

/** `GET /creator/:id`: what a creator's profile shows (a kind of content is not shown: it is for services to learn). */
export function creatorCollection(creators: AudioCreators, uploads: (creator: number) => number): EntityCollection<{ id: number; uploads: number }> {
  return {
    name: 'creator',
    idPattern: /^\d{1,9}$/,
    get size() {
      return creators.count;
    },
    get: (id) => (/^\d{1,9}$/.test(id) && Number(id) < creators.count ? { id: Number(id), uploads: uploads(Number(id)) } : undefined),
    sampleIds: (n) => spread(n, creators.count),
  };
}

function spread(n: number, size: number): string[] {
  const m = Math.min(n, size);
  return Array.from({ length: m }, (_, i) => String(Math.floor((i * size) / m)));
}
