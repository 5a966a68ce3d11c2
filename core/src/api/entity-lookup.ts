import type { EntityCollection } from '../world/entity-collection.js';
import { errorBody } from './api-errors.js';
import { MAX_BULK_IDS, parseIdList, statelessPattern } from './id-list.js';

export interface JsonAnswer {
  status: number;
  /** Already serialized: entity views go out as the domain built them, no schema in between. */
  body: string;
}

/**
 * Answers `GET /<collection>/:ids` for one collection. One id: the entity's JSON object, or a
 * JSON 404. Several comma-separated ids (bulk, at most 200): a JSON array in the order asked,
 * `null` where an id is unknown. A malformed id is a JSON 400 either way.
 */
export class EntityLookup {
  private readonly pattern: RegExp;

  constructor(
    readonly collection: EntityCollection,
    private readonly maxIds = MAX_BULK_IDS,
  ) {
    this.pattern = statelessPattern(collection.idPattern);
  }

  answer(idsText: string): JsonAnswer {
    const name = this.collection.name;
    const list = parseIdList(idsText, this.pattern, name, this.maxIds);
    if (!list.ok) return { status: 400, body: errorBody(400, list.message) };
    if (!list.bulk) {
      const view = this.collection.get(list.ids[0]);
      if (view === undefined) return { status: 404, body: errorBody(404, `no ${name} with id ${JSON.stringify(list.ids[0])}`) };
      return { status: 200, body: JSON.stringify(view) };
    }
    let body = '[';
    for (let i = 0; i < list.ids.length; i++) {
      const view = this.collection.get(list.ids[i]);
      body += (i === 0 ? '' : ',') + (view === undefined ? 'null' : JSON.stringify(view));
    }
    return { status: 200, body: `${body}]` };
  }
}
