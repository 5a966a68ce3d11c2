import { DAY_MS, type InteractionObserver, type ResearchProbe } from '@prodsim/core';
import type { ArmSplit } from '../arms/arm-split.js';
import { ParquetTable } from './parquet-table.js';
import { propensityAt, type PropensityLog } from './propensity-log.js';
import { CONSUMPTION, INTERACTIONS, SLATES } from './raw-schema.js';
import { rawUnitFiles } from './raw-files.js';

/** Rows buffered before they are written as one Parquet row group. */
const CHUNK = 65_536;

const nullable = (xs: Float64Array, n: number): (number | null)[] => {
  const out = new Array<number | null>(n);
  for (let i = 0; i < n; i++) out[i] = Number.isNaN(xs[i]) ? null : xs[i];
  return out;
};

const timestamps = (xs: Float64Array, n: number): BigInt64Array => {
  const out = new BigInt64Array(n);
  for (let i = 0; i < n; i++) out[i] = BigInt(Math.round(xs[i]));
  return out;
};

/**
 * Writes one unit of work's raw data (a replication, or one arm of it in the paired design):
 * every slate, every interaction and each day's per-item consumption, to Parquet files in
 * `dir` (see raw-files.ts for the names and README for the schema). An interaction's position is
 * where the item stood in the slate shown to that user most recently (-1 if it was not in it):
 * the observer contract reports slates and interactions separately. Rows are buffered in typed
 * arrays and written a chunk at a time; per event, nothing is allocated but room for more users or
 * longer slates in the latest-slate rows.
 */
export class RawRecorder implements InteractionObserver {
  private readonly slates: ParquetTable;
  private readonly interactions: ParquetTable;
  private readonly consumption: ParquetTable;
  // Slate rows.
  private sN = 0;
  private readonly sArm = new Int32Array(CHUNK);
  private readonly sDay = new Int32Array(CHUNK);
  private readonly sTime = new Float64Array(CHUNK);
  private readonly sUser = new Int32Array(CHUNK);
  private readonly sStart = new Int32Array(CHUNK + 1);
  private sItems = new Int32Array(CHUNK * 8);
  private readonly sProp = new Float64Array(CHUNK);
  /** The slates' item lists handed to the writer, reused from chunk to chunk (it copies them). */
  private readonly itemLists: number[][] = [];
  // Interaction rows.
  private iN = 0;
  private readonly iArm = new Int32Array(CHUNK);
  private readonly iDay = new Int32Array(CHUNK);
  private readonly iTime = new Float64Array(CHUNK);
  private readonly iUser = new Int32Array(CHUNK);
  private readonly iItem = new Int32Array(CHUNK);
  private readonly iPosition = new Int32Array(CHUNK);
  private readonly iRecommended = new Uint8Array(CHUNK);
  private readonly iEngagement = new Float64Array(CHUNK);
  private readonly iTrue = new Float64Array(CHUNK);
  private readonly iProp = new Float64Array(CHUNK);
  // Each user's latest slate and the propensity of each of its positions (NaN: none), in rows of
  // `stride` per user: one array each rather than two small arrays per user, scattered over the
  // heap, which took the recorder's slate and interaction twice the time (under the profiler).
  // A row is as long as the longest slate so far: a world's slates are about the same length.
  private stride = 8;
  private latest = new Int32Array(1024 * 8);
  private latestProp = new Float64Array(1024 * 8);
  /** Items of each user's latest slate (0: none yet). */
  private latestLength = new Int32Array(1024);
  // The current day's consumption per arm and item.
  private consumptionDay = -1;
  private counts: Float64Array[];

  constructor(
    private readonly split: ArmSplit,
    private readonly replication: number,
    private readonly startTime: number,
    /** Arm names as the files record them (the paired design's one arm). */
    private readonly armNames: readonly string[],
    /** Per arm, the propensity log of its stochastic policy, if it has one. */
    private readonly propensities: readonly (PropensityLog | undefined)[],
    probe: ResearchProbe,
    dir: string,
    unit: string,
  ) {
    const files = rawUnitFiles(dir, unit);
    this.slates = new ParquetTable(SLATES, files.slates);
    this.interactions = new ParquetTable(INTERACTIONS, files.interactions);
    this.consumption = new ParquetTable(CONSUMPTION, files.consumption);
    this.counts = armNames.map(() => new Float64Array(Math.max(16, probe.itemCount)));
  }

  private dayOf(time: number): number {
    return Math.floor((time - this.startTime) / DAY_MS);
  }

  slate(time: number, user: number, items: ArrayLike<number>): void {
    const day = this.dayOf(time);
    const arm = this.split.armOf(user, day);
    const k = items.length;
    // The user's latest slate, kept for the positions of later interactions.
    if (user >= this.latestLength.length || k > this.stride) this.growLatest(user + 1, k);
    const mine = this.latest;
    const prop = this.latestProp;
    const at = user * this.stride;
    this.latestLength[user] = k;
    const logged = this.propensities[arm]?.take(user);
    // One propensity for the slate when every position has the same (the common case); else null.
    let slateP = NaN;
    for (let p = 0; p < k; p++) {
      mine[at + p] = items[p];
      // The domain may change the policy's list (filter, inject, pad): a changed position has no propensity.
      const q = logged && logged.items[p] === items[p] ? propensityAt(logged, p) : NaN;
      prop[at + p] = q;
      slateP = p === 0 ? q : slateP === q ? slateP : NaN;
    }
    // Slate row.
    if (this.sStart[this.sN] + k > this.sItems.length) {
      const grown = new Int32Array(Math.max(this.sItems.length * 2, this.sStart[this.sN] + k));
      grown.set(this.sItems);
      this.sItems = grown;
    }
    const n = this.sN;
    this.sArm[n] = arm;
    this.sDay[n] = day;
    this.sTime[n] = time;
    this.sUser[n] = user;
    for (let p = 0; p < k; p++) this.sItems[this.sStart[n] + p] = items[p];
    this.sStart[n + 1] = this.sStart[n] + k;
    this.sProp[n] = slateP;
    if (++this.sN === CHUNK) this.flushSlates();
  }

  interaction(time: number, user: number, item: number, recommended: boolean, engagement: number, trueValue: number): void {
    const day = this.dayOf(time);
    const arm = this.split.armOf(user, day);
    let position = -1;
    if (user < this.latestLength.length) {
      const mine = this.latest;
      const at = user * this.stride;
      const k = this.latestLength[user];
      for (let p = 0; p < k; p++) {
        if (mine[at + p] === item) {
          position = p;
          break;
        }
      }
    }
    const n = this.iN;
    this.iArm[n] = arm;
    this.iDay[n] = day;
    this.iTime[n] = time;
    this.iUser[n] = user;
    this.iItem[n] = item;
    this.iPosition[n] = position;
    this.iRecommended[n] = recommended ? 1 : 0;
    this.iEngagement[n] = engagement;
    this.iTrue[n] = trueValue;
    this.iProp[n] = position >= 0 ? this.latestProp[user * this.stride + position] : NaN;
    if (++this.iN === CHUNK) this.flushInteractions();
    // The per-item histogram of the day.
    if (day !== this.consumptionDay) {
      this.flushConsumption();
      this.consumptionDay = day;
    }
    let counts = this.counts[arm];
    if (item >= counts.length) {
      const grown = new Float64Array(Math.max(item + 1, counts.length * 2));
      grown.set(counts);
      this.counts[arm] = counts = grown;
    }
    counts[item]++;
  }

  outcome(): void {}

  /** Room for `users` users' latest slates of up to `k` items (rows keep their user's place). */
  private growLatest(users: number, k: number): void {
    const count = Math.max(users, this.latestLength.length * (users > this.latestLength.length ? 2 : 1));
    const stride = Math.max(k, this.stride);
    const latest = new Int32Array(count * stride);
    const prop = new Float64Array(count * stride);
    for (let u = 0; u < this.latestLength.length; u++) {
      const n = this.latestLength[u];
      latest.set(this.latest.subarray(u * this.stride, u * this.stride + n), u * stride);
      prop.set(this.latestProp.subarray(u * this.stride, u * this.stride + n), u * stride);
    }
    const lengths = new Int32Array(count);
    lengths.set(this.latestLength);
    this.latest = latest;
    this.latestProp = prop;
    this.latestLength = lengths;
    this.stride = stride;
  }

  private arms(codes: Int32Array, n: number): string[] {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = this.armNames[codes[i]];
    return out;
  }

  private flushSlates(): void {
    const n = this.sN;
    if (n === 0) return;
    const items = this.itemLists;
    for (let i = 0; i < n; i++) {
      const list = (items[i] ??= []);
      const start = this.sStart[i];
      list.length = this.sStart[i + 1] - start;
      for (let p = 0; p < list.length; p++) list[p] = this.sItems[start + p];
    }
    items.length = n;
    this.slates.write(
      {
        replication: new Int32Array(n).fill(this.replication),
        arm: this.arms(this.sArm, n),
        day: this.sDay.subarray(0, n),
        time: timestamps(this.sTime, n),
        user: this.sUser.subarray(0, n),
        items,
        propensity: nullable(this.sProp, n),
      },
      n,
    );
    this.sN = 0;
  }

  private flushInteractions(): void {
    const n = this.iN;
    if (n === 0) return;
    this.interactions.write(
      {
        replication: new Int32Array(n).fill(this.replication),
        arm: this.arms(this.iArm, n),
        day: this.iDay.subarray(0, n),
        time: timestamps(this.iTime, n),
        user: this.iUser.subarray(0, n),
        item: this.iItem.subarray(0, n),
        position: this.iPosition.subarray(0, n),
        recommended: Array.from(this.iRecommended.subarray(0, n), (r) => r === 1),
        engagement: this.iEngagement.subarray(0, n),
        true_value: this.iTrue.subarray(0, n),
        propensity: nullable(this.iProp, n),
      },
      n,
    );
    this.iN = 0;
  }

  /** Writes the current day's histogram: one row per arm and item consumed that day. */
  private flushConsumption(): void {
    if (this.consumptionDay < 0) return;
    const arm: string[] = [];
    const item: number[] = [];
    const count: number[] = [];
    this.counts.forEach((counts, a) => {
      for (let i = 0; i < counts.length; i++) {
        if (counts[i] === 0) continue;
        arm.push(this.armNames[a]);
        item.push(i);
        count.push(counts[i]);
      }
      counts.fill(0);
    });
    const n = item.length;
    this.consumption.write(
      {
        replication: new Int32Array(n).fill(this.replication),
        arm,
        day: new Int32Array(n).fill(this.consumptionDay),
        item: Int32Array.from(item),
        interactions: Int32Array.from(count),
      },
      n,
    );
  }

  /** Writes what is still buffered and closes every file (each appears complete, or not at all). */
  close(): void {
    this.flushSlates();
    this.flushInteractions();
    this.flushConsumption();
    this.consumptionDay = -1;
    for (const table of [this.slates, this.interactions, this.consumption]) table.close();
  }

  /** After a failed run: removes the partial files. */
  discard(): void {
    for (const table of [this.slates, this.interactions, this.consumption]) table.discard();
  }
}
