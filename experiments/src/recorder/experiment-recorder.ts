import { RandomStream, type DomainMetric, type InteractionObserver, type OutcomeKind, type ResearchProbe } from '@prodsim/core';
import type { ArmSplit } from '../arms/arm-split.js';
import type { RatingPredictor } from '../baselines/rating-predictor.js';
import { coverage, gini, topShare } from '../metrics/concentration.js';
import { interactionSpread, rankBandShares, sortedHistogramArea } from '../metrics/consumption-histogram.js';
import { intraListDiversity, meanPairwiseJaccard, type ItemSet } from '../metrics/overlap.js';
import type { DayMetrics, GroupMetrics } from './day-metrics.js';
import { DomainCounters } from './domain-counters.js';
import { RatingErrors } from './rating-errors.js';
import { UserHistory } from './user-history.js';
import { UserSample } from './user-sample.js';

const DAY_MS = 86_400_000;

interface ArmDay {
  interactions: number;
  recommended: number;
  engagement: number;
  trueValue: number;
  ildSum: number;
  ildCount: number;
  requests: number;
  ok: number;
  latencies: number[];
  groups: Map<string, { interactions: number; trueValue: number; engagement: number }>;
}

const newDay = (): ArmDay => ({
  interactions: 0,
  recommended: 0,
  engagement: 0,
  trueValue: 0,
  ildSum: 0,
  ildCount: 0,
  requests: 0,
  ok: 0,
  latencies: [],
  groups: new Map(),
});

interface Concentration {
  coverage: number;
  gini: number;
  top10Share: number;
}

const NO_CONCENTRATION: Concentration = { coverage: NaN, gini: NaN, top10Share: NaN };

/**
 * Turns a world's slates, interactions and request outcomes into one row of metrics per arm and
 * simulated day. Rates (engagement, uptake, true value, success) count every user of an arm;
 * distribution metrics are computed on equal-size samples of each arm's users (see
 * user-sample.ts for the estimator and why), from histories that belong to users, not arms.
 * The domain's own metrics are ratios of the counts it reports (`count`) for the arm's units.
 */
export class ExperimentRecorder implements InteractionObserver {
  readonly rows: DayMetrics[] = [];
  private readonly days: ArmDay[];
  private readonly sample: UserSample;
  private readonly histories = new Map<number, UserHistory>();
  private readonly perArm: number;
  private readonly startTime: number;
  /** Item counts of a sample, reused from arm to arm and day to day. */
  private counts = new Float64Array(0);
  private maxItem = -1;
  private currentDay = 0;
  /** Per arm, the area under the previous day's sorted consumption histogram (for interaction spread). */
  private readonly previousArea: number[];
  private readonly distance = (a: number, b: number) => this.probe.itemDistance(a, b);
  private readonly domain: DomainCounters;
  private readonly ratings: RatingErrors;

  constructor(
    private readonly split: ArmSplit,
    private readonly probe: ResearchProbe,
    private readonly replication: number,
    private readonly seed: string,
    options: {
      sampleUsers?: number;
      startTime: number;
      metrics?: readonly DomainMetric[];
      /** Per arm, its baseline if it predicts ratings (the arm gets `rmse` and `rmseDay`); read as the run goes. */
      ratingPredictors?: readonly (RatingPredictor | undefined)[];
    } = { startTime: 0 },
  ) {
    this.startTime = options.startTime;
    this.domain = new DomainCounters(options.metrics ?? [], split.names.length);
    this.ratings = new RatingErrors(options.ratingPredictors ?? [], split.names.length);
    this.perArm = options.sampleUsers ?? 400;
    this.days = split.names.map(() => newDay());
    this.previousArea = split.names.map(() => NaN);
    this.sample = new UserSample(seed, UserSample.poolShareFor(this.perArm, split.smallestShare(), probe.userCount));
    this.meet(probe.userCount);
  }

  /** Learns users up to `count`; a history for each who enters the pool. */
  private meet(count: number): void {
    for (const u of this.sample.learn(count)) this.histories.set(u, new UserHistory());
  }

  private armIndex(time: number, user: number): number {
    return this.split.armOf(user, Math.floor((time - this.startTime) / DAY_MS));
  }

  private armAt(time: number, user: number): ArmDay {
    return this.days[this.armIndex(time, user)];
  }

  /** The history of `user` if it is in the pool (meeting newcomers as they appear). */
  private historyOf(user: number): UserHistory | undefined {
    if (user >= this.sample.known) this.meet(user + 1);
    return this.sample.inPool[user] === 1 ? this.histories.get(user) : undefined;
  }

  slate(time: number, user: number, items: ArrayLike<number>): void {
    const arm = this.armIndex(time, user);
    const d = this.days[arm];
    if (this.domain.any) {
      this.domain.addAt(arm, this.domain.slateItems, items.length);
      this.domain.addAt(arm, this.domain.slates, 1);
    }
    if (items.length >= 2) {
      d.ildSum += this.probe.listDiversity ? this.probe.listDiversity(items) : intraListDiversity(items, this.distance);
      d.ildCount++;
    }
    this.historyOf(user)?.show(items);
  }

  interaction(time: number, user: number, item: number, recommended: boolean, engagement: number, trueValue: number): void {
    const arm = this.armIndex(time, user);
    const d = this.days[arm];
    if (this.domain.any) {
      this.domain.addAt(arm, this.domain.interactions, 1);
      if (recommended) this.domain.addAt(arm, this.domain.recommendedInteractions, 1);
    }
    // Before any baseline hears of this interaction (the relay calls the recorder first).
    this.ratings.interaction(arm, user, item, trueValue);
    d.interactions++;
    if (recommended) d.recommended++;
    d.engagement += engagement;
    d.trueValue += trueValue;
    if (item > this.maxItem) this.maxItem = item;
    const group = this.probe.userGroup(user);
    let g = d.groups.get(group);
    if (!g) d.groups.set(group, (g = { interactions: 0, trueValue: 0, engagement: 0 }));
    g.interactions++;
    g.trueValue += trueValue;
    g.engagement += engagement;
    this.historyOf(user)?.consume(item);
  }

  outcome(time: number, user: number, kind: OutcomeKind, latencyMs: number): void {
    const d = this.armAt(time, user);
    d.requests++;
    if (kind === 'ok') d.ok++;
    d.latencies.push(latencyMs);
  }

  count(time: number, user: number, counter: string, n: number): void {
    this.domain.add(this.armIndex(time, user), counter, n);
  }

  /** Coverage, Gini and top-10% share of the summed consumption of `users`. */
  private concentration(users: readonly number[], pick: (h: UserHistory) => ReadonlyMap<number, number>, catalogue: number): Concentration {
    if (users.length === 0) return NO_CONCENTRATION;
    if (this.counts.length < catalogue) this.counts = new Float64Array(catalogue);
    const counts = this.counts.subarray(0, catalogue);
    counts.fill(0);
    for (const u of users) for (const [item, n] of pick(this.histories.get(u)!)) counts[item] += n;
    return { coverage: coverage(counts, catalogue), gini: gini(counts), top10Share: topShare(counts, 0.1) };
  }

  private homogenisation(users: readonly number[], pick: (h: UserHistory) => ItemSet, rng: RandomStream): number {
    const sets = users.map((u) => pick(this.histories.get(u)!)).filter((s) => s.size > 0);
    return sets.length >= 2 ? meanPairwiseJaccard(sets, rng) : NaN;
  }

  /** Closes a simulated day: one row per arm. Call at each day start and once at the end. */
  closeDay(day: number): void {
    this.meet(this.probe.userCount);
    const arms = this.split.names.length;
    const rng = new RandomStream(`metrics/${this.seed}/${day}`);
    // The current catalogue, including items released since the start.
    const catalogue = Math.max(this.probe.itemCount, this.maxItem + 1);
    // Users per arm and group over the whole population, for per-user rates.
    const usersPerArm = new Array<number>(arms).fill(0);
    const groupUsers = Array.from({ length: arms }, () => new Map<string, number>());
    for (let u = 0; u < this.probe.userCount; u++) {
      const a = this.split.armOf(u, day);
      usersPerArm[a]++;
      const g = this.probe.userGroup(u);
      groupUsers[a].set(g, (groupUsers[a].get(g) ?? 0) + 1);
    }
    const measured = this.sample.select((u) => this.split.armOf(u, day), arms, this.perArm);
    for (let a = 0; a < arms; a++) {
      const d = this.days[a];
      const users = measured[a];
      let drift = 0;
      const groupDrift = new Map<string, { sum: number; n: number }>();
      for (const u of users) {
        const dr = this.probe.tasteDrift(u);
        drift += dr;
        const g = this.probe.userGroup(u);
        const acc = groupDrift.get(g) ?? { sum: 0, n: 0 };
        acc.sum += dr;
        acc.n++;
        groupDrift.set(g, acc);
      }
      const groups: Record<string, GroupMetrics> = {};
      for (const [name, count] of [...groupUsers[a].entries()].sort(([x], [y]) => x.localeCompare(y))) {
        const g = d.groups.get(name);
        const gd = groupDrift.get(name);
        groups[name] = {
          users: count,
          interactions: g?.interactions ?? 0,
          meanTrueValue: g && g.interactions > 0 ? g.trueValue / g.interactions : NaN,
          engagementPerUser: count > 0 ? (g?.engagement ?? 0) / count : NaN,
          tasteDrift: gd ? gd.sum / gd.n : NaN,
        };
      }
      const slates = users
        .map((u) => this.histories.get(u)!)
        .filter((h) => h.slateToday)
        .map((h) => h.slate);
      const total = this.concentration(users, (h) => h.total, catalogue);
      const today = this.concentration(users, (h) => h.today, catalogue);
      // this.counts now holds the measured users' consumption that day, item by item.
      const histogram = users.length > 0 ? this.counts.subarray(0, catalogue) : undefined;
      const area = histogram ? sortedHistogramArea(histogram) : NaN;
      const spread = interactionSpread(this.previousArea[a], area);
      this.previousArea[a] = area;
      const latencies = Float64Array.from(d.latencies).sort();
      this.rows.push({
        replication: this.replication,
        seed: this.seed,
        day,
        arm: this.split.names[a],
        users: usersPerArm[a],
        sampledUsers: users.length,
        interactions: d.interactions,
        engagementPerUser: usersPerArm[a] > 0 ? d.engagement / usersPerArm[a] : NaN,
        uptake: d.interactions > 0 ? d.recommended / d.interactions : NaN,
        meanTrueValue: d.interactions > 0 ? d.trueValue / d.interactions : NaN,
        personalization: slates.length >= 2 ? 1 - meanPairwiseJaccard(slates, rng) : NaN,
        coverage: total.coverage,
        coverageDay: today.coverage,
        gini: total.gini,
        giniDay: today.gini,
        top10Share: total.top10Share,
        top10ShareDay: today.top10Share,
        intraListDiversity: d.ildCount > 0 ? d.ildSum / d.ildCount : NaN,
        homogenization: this.homogenisation(users, (h) => h.total, rng),
        homogenizationDay: this.homogenisation(users, (h) => h.today, rng),
        tasteDrift: users.length > 0 ? drift / users.length : NaN,
        interactionSpread: spread,
        ...this.ratings.closeDay(a),
        consumptionHistogram: histogram ? rankBandShares(histogram) : [],
        requests: d.requests,
        successRate: d.requests > 0 ? d.ok / d.requests : NaN,
        latencyP50: latencies.length > 0 ? latencies[Math.floor(0.5 * (latencies.length - 1))] : NaN,
        latencyP99: latencies.length > 0 ? latencies[Math.floor(0.99 * (latencies.length - 1))] : NaN,
        groups,
        domain: this.domain.closeDay(a),
      });
      this.days[a] = newDay();
    }
    for (const h of this.histories.values()) h.endDay();
    this.currentDay = day + 1;
  }

  get nextDay(): number {
    return this.currentDay;
  }
}
