import type { EntityCollection } from '@prodsim/core';
import type { ImagesState } from './images-state.js';

const BASE_COMMUNITIES = ['outdoors', 'city', 'art', 'retro', 'neon', 'minimal', 'pets', 'food'];

/** Public community names: the eight above, then `community-9`, ... */
export function communityName(index: number): string {
  return BASE_COMMUNITIES[index] ?? `community-${index + 1}`;
}

function spread(n: number, size: number): string[] {
  const m = Math.min(n, size);
  return Array.from({ length: m }, (_, i) => String(Math.floor((i * size) / m)));
}

/** `GET /user/:id`: the community a user signed up to and whether they still use the app. */
export function userCollection(s: ImagesState): EntityCollection<{ id: number; community: string; active: boolean }> {
  const v = s.viewers;
  return {
    name: 'user',
    idPattern: /^\d{1,9}$/,
    size: v.count,
    get: (id) =>
      /^\d{1,9}$/.test(id) && Number(id) < v.count
        ? { id: Number(id), community: communityName(v.community[Number(id)]), active: v.left[Number(id)] === 0 }
        : undefined,
    sampleIds: (n) => spread(n, v.count),
  };
}

/** `GET /creator/:id`: a creator's handle and how many images it has posted. */
export function creatorCollection(s: ImagesState): EntityCollection<{ id: number; handle: string; uploads: number }> {
  const count = s.creators.count;
  return {
    name: 'creator',
    idPattern: /^\d{1,9}$/,
    size: count,
    get: (id) =>
      /^\d{1,9}$/.test(id) && Number(id) < count ? { id: Number(id), handle: `creator${id}`, uploads: s.dayStats.totalUploads[Number(id)] } : undefined,
    sampleIds: (n) => spread(n, count),
  };
}
