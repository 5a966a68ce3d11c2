import type { EntityCollection, RouteDeclaration, RouteResponse } from '@prodsim/core';
import type { MediaStore } from './media-store.js';

const JSON_TYPE = 'application/json; charset=utf-8';
export const MEDIA_ID = /^\d{1,9}$/;

function jsonError(status: number, message: string): RouteResponse {
  return { status, contentType: JSON_TYPE, body: JSON.stringify({ error: message, status }) };
}

/**
 * `GET /<kind>/:id.<ext>`: the encoded bytes of one item (e.g. `/image/42.png`). A malformed id is
 * a 400, an id not (yet) public a 404, an item whose bytes the bounded store dropped a 410.
 */
export function mediaRoute(kind: string, ext: string, store: MediaStore): RouteDeclaration {
  return {
    method: 'GET',
    path: `/${kind}/:id.${ext}`,
    description: `The ${kind} itself (${store.contentType}); its metadata is at /${kind}/:id`,
    handler(params) {
      const text = params.id ?? '';
      if (!MEDIA_ID.test(text)) return jsonError(400, `${kind} id must be a non-negative integer, got ${JSON.stringify(text.slice(0, 40))}`);
      const id = Number(text);
      switch (store.state(id)) {
        case 'unknown':
          return jsonError(404, `no ${kind} ${id}`);
        case 'evicted':
          return jsonError(410, `${kind} ${id} is no longer held (the media store keeps the newest ${store.maxBytes} bytes)`);
        case 'stored':
          return { status: 200, contentType: store.contentType, body: store.bytes(id)! };
      }
    },
  };
}

export interface MediaCollectionOptions<V> {
  /** Singular name: `image` serves `/image/:id`. */
  name: string;
  /** Items that exist (ids 0..count-1 may be public). */
  count(): number;
  /** The public metadata of an item, or undefined if it is not public (yet). */
  view(id: number): V | undefined;
}

/** The metadata side of a media kind: an entity collection with integer ids. */
export function mediaCollection<V>(options: MediaCollectionOptions<V>): EntityCollection<V> {
  return {
    name: options.name,
    idPattern: MEDIA_ID,
    get size() {
      return options.count();
    },
    get(id: string) {
      if (!MEDIA_ID.test(id)) return undefined;
      const n = Number(id);
      return n < options.count() ? options.view(n) : undefined;
    },
    sampleIds(n: number) {
      const ids: string[] = [];
      const count = options.count();
      const m = Math.min(n, count);
      for (let i = 0; i < m; i++) {
        const id = Math.floor((i * count) / m);
        if (options.view(id) !== undefined) ids.push(String(id));
      }
      return ids;
    },
  };
}
