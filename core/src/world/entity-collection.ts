import { ErrorCodes, ProdsimError } from '../errors.js';

/**
 * A collection of entities as the outside world may see them (users, movies, images). Only
 * public views pass through here: the API, the stream and predictors get nothing else.
 */
export interface EntityCollection<View = unknown> {
  /** Singular name used in routes: `user` serves `/user/:id`. */
  readonly name: string;
  /** Syntax of a valid id; a request that does not match it is a 400, a valid unknown id a 404. */
  readonly idPattern: RegExp;
  readonly size: number;
  get(id: string): View | undefined;
  /** Up to `n` ids spread over the collection (for tests, docs and examples). */
  sampleIds(n: number): string[];
}

/** The public face of a world: its entity collections by name. */
export class PublicCatalog {
  private readonly collections = new Map<string, EntityCollection>();

  add(collection: EntityCollection): this {
    if (this.collections.has(collection.name)) {
      throw new ProdsimError(
        ErrorCodes.DOMAIN_INVALID,
        `entity collection "${collection.name}" is already in the catalog: each collection of a world needs its own name`,
      );
    }
    this.collections.set(collection.name, collection);
    return this;
  }

  get(name: string): EntityCollection | undefined {
    return this.collections.get(name);
  }

  list(): EntityCollection[] {
    return [...this.collections.values()];
  }
}
