import type { DomainWorld } from '../domain/domain-plugin.js';
import type { ResearchProbe } from '../observe/interaction-observer.js';
import type { EntityCollection } from '../world/entity-collection.js';
import type { PredictionEndpoint } from '../prediction/endpoint.js';
import type { RandomStream } from '../rng/random-stream.js';
import { PublicFeatures } from './public-features.js';

const HOUR_MS = 3_600_000;

export type SlateEndpointProbe = NonNullable<ResearchProbe['slateEndpoint']>;

/** What the policy sees when a user asks for a slate: nothing of the hidden ground truth. */
export interface Observation {
  /** The asking user's index (as `ResearchProbe.slateEndpoint.userOf` gives it). */
  user: number;
  /** Simulated time of the request, ms since the epoch. */
  time: number;
  /** `userFeatureNames`, in order. */
  userFeatures: number[];
  /** The user's last consumed items, most recent first; -1 where there are fewer. */
  history: number[];
  /** Item indices the action picks from (fixed size). */
  candidates: number[];
  /** `itemFeatureNames` for each candidate, row after row (candidates x features). */
  candidateFeatures: number[];
}

export interface ObservationOptions {
  /** Candidate set size (capped at the catalogue's size when the world is built). */
  candidates: number;
  /** History length. */
  history: number;
}

/**
 * Builds observations from public information only: the user's and items' public views (entity
 * collections), and the consumption this builder was told about (which the event stream shows).
 * Candidates: the whole catalogue when it fits, else the most consumed half (refreshed once per
 * simulated hour, as a popularity model retrained between steps) and uniform random items for the
 * rest. Item views are read at most once per simulated hour per item: some worlds build them at
 * a cost (the movies world writes descriptions).
 */
export class ObservationBuilder {
  readonly userFeatureNames: readonly string[];
  readonly itemFeatureNames: readonly string[];
  readonly candidateCount: number;
  private readonly userView: PublicFeatures;
  private readonly itemView: PublicFeatures;
  private readonly userCollection: EntityCollection | undefined;
  private readonly itemCollection: EntityCollection | undefined;
  private readonly historyLength: number;
  private histories = new Int32Array(0);
  private historyNext = new Int32Array(0);
  private consumedByUser = new Float64Array(0);
  private consumedItem = new Float64Array(0);
  private itemRows = new Float64Array(0);
  private itemRowHour = new Float64Array(0);
  private popular: number[] = [];
  private popularHour = NaN;
  private marks = new Uint32Array(0);
  private mark = 0;

  constructor(
    world: DomainWorld,
    private readonly probe: ResearchProbe,
    private readonly slate: SlateEndpointProbe,
    private readonly endpoint: PredictionEndpoint<unknown, unknown>,
    options: ObservationOptions,
    private readonly rng: RandomStream,
  ) {
    this.historyLength = options.history;
    this.candidateCount = Math.max(1, Math.min(options.candidates, probe.itemCount));
    this.userCollection = world.catalog.get('user');
    this.itemCollection = world.catalog.list().find((c) => c.name !== 'user');
    this.userView = new PublicFeatures(this.userCollection?.get(this.userCollection.sampleIds(1)[0] ?? ''));
    this.itemView = new PublicFeatures(probe.itemCount > 0 ? this.itemViewOf(0) : undefined);
    this.userFeatureNames = ['consumed', ...this.userView.names];
    this.itemFeatureNames = ['consumed', ...this.itemView.names];
  }

  /** A user consumed an item (from the world's interactions: public, the stream shows them). */
  consumed(user: number, item: number): void {
    this.growUsers(user + 1);
    this.growItems(item + 1);
    const h = this.historyLength;
    if (h > 0) {
      const next = this.historyNext[user];
      this.histories[user * h + (next % h)] = item;
      this.historyNext[user] = next + 1;
    }
    this.consumedByUser[user]++;
    this.consumedItem[item]++;
  }

  build(request: unknown, user: number, time: number): Observation {
    this.growUsers(user + 1);
    const userFeatures = new Array<number>(this.userFeatureNames.length);
    userFeatures[0] = this.consumedByUser[user];
    this.userView.write(this.userViewOf(request), userFeatures, 1);
    const h = this.historyLength;
    const history = new Array<number>(h).fill(-1);
    const seen = Math.min(h, this.historyNext[user]);
    for (let i = 0; i < seen; i++) history[i] = this.histories[user * h + ((this.historyNext[user] - 1 - i) % h)];
    const candidates = this.candidates(time);
    const f = this.itemFeatureNames.length;
    const candidateFeatures = new Array<number>(candidates.length * f);
    const hour = Math.floor(time / HOUR_MS);
    for (let c = 0; c < candidates.length; c++) {
      const item = candidates[c];
      this.growItems(item + 1);
      if (this.itemRowHour[item] !== hour) {
        this.itemView.write(this.itemViewOf(item), this.scratch, 0);
        for (let j = 0; j < f - 1; j++) this.itemRows[item * (f - 1) + j] = this.scratch[j];
        this.itemRowHour[item] = hour;
      }
      candidateFeatures[c * f] = this.consumedItem[item];
      for (let j = 1; j < f; j++) candidateFeatures[c * f + j] = this.itemRows[item * (f - 1) + j - 1];
    }
    return { user, time, userFeatures, history, candidates, candidateFeatures };
  }

  private readonly scratch: number[] = [];

  private candidates(time: number): number[] {
    const items = this.probe.itemCount;
    const n = this.candidateCount;
    if (items <= n) return Array.from({ length: n }, (_, i) => i % items);
    const hour = Math.floor(time / HOUR_MS);
    if (hour !== this.popularHour) {
      this.growItems(items);
      const order = Array.from({ length: items }, (_, i) => i).sort((a, b) => this.consumedItem[b] - this.consumedItem[a] || a - b);
      this.popular = order.slice(0, Math.floor(n / 2)).filter((i) => this.consumedItem[i] > 0);
      this.popularHour = hour;
    }
    if (this.marks.length < items) this.marks = new Uint32Array(Math.max(items, this.marks.length * 2));
    this.mark = this.mark === 0xffffffff ? 1 : this.mark + 1;
    if (this.mark === 1) this.marks.fill(0);
    const out = this.popular.slice();
    for (const i of out) this.marks[i] = this.mark;
    while (out.length < n) {
      const i = this.rng.int(items);
      if (this.marks[i] === this.mark) continue;
      this.marks[i] = this.mark;
      out.push(i);
    }
    return out;
  }

  /** The user's public view: the id a service sees in the request path is the entity API's id. */
  private userViewOf(request: unknown): unknown {
    if (!this.userCollection) return undefined;
    const id = this.endpoint.http.path(request).split('?')[0].split('/')[2];
    return id === undefined ? undefined : this.userCollection.get(decodeURIComponent(id));
  }

  /** An item's public view: its id is how the endpoint's answer names it. */
  private itemViewOf(item: number): unknown {
    const answer = this.slate.answer([item]);
    const id = Array.isArray(answer) ? answer[0] : undefined;
    return id === undefined || !this.itemCollection ? undefined : this.itemCollection.get(String(id));
  }

  private growUsers(n: number): void {
    if (n <= this.consumedByUser.length) return;
    const size = Math.max(n, this.consumedByUser.length * 2, 64);
    this.consumedByUser = grow(this.consumedByUser, size);
    this.historyNext = grow(this.historyNext, size);
    this.histories = grow(this.histories, size * this.historyLength);
  }

  private growItems(n: number): void {
    if (n <= this.consumedItem.length) return;
    const size = Math.max(n, this.consumedItem.length * 2, 64);
    this.consumedItem = grow(this.consumedItem, size);
    this.itemRows = grow(this.itemRows, size * (this.itemFeatureNames.length - 1));
    const hours = new Float64Array(size).fill(NaN);
    hours.set(this.itemRowHour);
    this.itemRowHour = hours;
  }
}

function grow<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}
