import { RandomStream, type InteractionObserver, type OutcomeKind, type ResearchProbe } from '@prodsim/core';
import type { ArmSplit } from '../arms/arm-split.js';
import { coverage, gini, topShare } from '../metrics/concentration.js';
import { intraListDiversity, meanPairwiseJaccard } from '../metrics/overlap.js';
import type { DayMetrics, GroupMetrics } from './day-metrics.js';

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

interface ArmState {
  itemCounts: Float64Array;
  day: ArmDay;
  /** Latest slate of each sampled user (for personalisation). */
  slates: Map<number, Set<number>>;
  /** Cumulative consumption of each sampled user (for homogenisation). */
  consumed: Map<number, Set<number>>;
}

const newDay = (): ArmDay => ({ interactions: 0, recommended: 0, engagement: 0, trueValue: 0, ildSum: 0, ildCount: 0, requests: 0, ok: 0, latencies: [], groups: new Map() });

/**
 * Turns a world's slates, interactions and request outcomes into one row of metrics per arm and
 * simulated day. Set-based metrics (personalisation, homogenisation, taste drift) use a seeded
 * sample of users so that their cost stays bounded on large worlds.
 */
export class ExperimentRecorder implements InteractionObserver {
  readonly rows: DayMetrics[] = [];
  private readonly arms: ArmState[];
  private readonly sampled: Uint8Array;
  private readonly sampleUsers: number[] = [];
  private currentDay = 0;

  constructor(
    private readonly split: ArmSplit,
    private readonly probe: ResearchProbe,
    private readonly replication: number,
    private readonly seed: string,
    options: { sampleUsers?: number; startTime: number } = { startTime: 0 },
  ) {
    this.startTime = options.startTime;
    this.arms = split.names.map(() => ({ itemCounts: new Float64Array(Math.max(16, probe.itemCount)), day: newDay(), slates: new Map(), consumed: new Map() }));
    const sampleSize = Math.min(probe.userCount, options.sampleUsers ?? 400);
    this.sampled = new Uint8Array(probe.userCount + 1);
    const rng = new RandomStream(`sample/${seed}`);
    // Deterministic sample without replacement (Floyd's algorithm would need a set anyway).
    const picked = new Set<number>();
    while (picked.size < sampleSize) picked.add(rng.int(probe.userCount));
    for (const u of [...picked].sort((a, b) => a - b)) {
      this.sampled[u] = 1;
      this.sampleUsers.push(u);
    }
  }

  private readonly startTime: number;

  private armAt(time: number, user: number): ArmState {
    return this.arms[this.split.armOf(user, Math.floor((time - this.startTime) / 86_400_000))];
  }

  slate(time: number, user: number, items: ArrayLike<number>): void {
    const arm = this.armAt(time, user);
    if (items.length >= 2) {
      arm.day.ildSum += intraListDiversity(items, (a, b) => this.probe.itemDistance(a, b));
      arm.day.ildCount++;
    }
    if (user < this.sampled.length && this.sampled[user]) arm.slates.set(user, new Set(Array.from(items)));
  }

  interaction(time: number, user: number, item: number, recommended: boolean, engagement: number, trueValue: number): void {
    const arm = this.armAt(time, user);
    const d = arm.day;
    d.interactions++;
    if (recommended) d.recommended++;
    d.engagement += engagement;
    d.trueValue += trueValue;
    if (item >= arm.itemCounts.length) {
      const grown = new Float64Array(Math.max(item + 1, arm.itemCounts.length * 2));
      grown.set(arm.itemCounts);
      arm.itemCounts = grown;
    }
    arm.itemCounts[item]++;
    const group = this.probe.userGroup(user);
    let g = d.groups.get(group);
    if (!g) d.groups.set(group, (g = { interactions: 0, trueValue: 0, engagement: 0 }));
    g.interactions++;
    g.trueValue += trueValue;
    g.engagement += engagement;
    if (user < this.sampled.length && this.sampled[user]) {
      let set = arm.consumed.get(user);
      if (!set) arm.consumed.set(user, (set = new Set()));
      set.add(item);
    }
  }

  outcome(time: number, user: number, kind: OutcomeKind, latencyMs: number): void {
    const d = this.armAt(time, user).day;
    d.requests++;
    if (kind === 'ok') d.ok++;
    d.latencies.push(latencyMs);
  }

  /** Closes a simulated day: one row per arm. Call at each day start and once at the end. */
  closeDay(day: number): void {
    const rng = new RandomStream(`metrics/${this.seed}/${day}`);
    const usersPerArm = this.split.names.map(() => 0);
    const groupUsers = this.split.names.map(() => new Map<string, number>());
    const drift = this.split.names.map(() => 0);
    const groupDrift = this.split.names.map(() => new Map<string, number>());
    const sampledPerArm = this.split.names.map(() => 0);
    for (const u of this.sampleUsers) {
      const a = this.split.armOf(u, day);
      sampledPerArm[a]++;
      const dr = this.probe.tasteDrift(u);
      drift[a] += dr;
      const g = this.probe.userGroup(u);
      groupDrift[a].set(g, (groupDrift[a].get(g) ?? 0) + dr);
    }
    // Users per arm and group over the whole population, for per-user rates.
    for (let u = 0; u < this.probe.userCount; u++) {
      const a = this.split.armOf(u, day);
      usersPerArm[a]++;
      const g = this.probe.userGroup(u);
      groupUsers[a].set(g, (groupUsers[a].get(g) ?? 0) + 1);
    }
    this.arms.forEach((arm, a) => {
      const d = arm.day;
      const counts = arm.itemCounts.subarray(0, Math.max(this.probe.itemCount, 1));
      const latencies = Float64Array.from(d.latencies).sort();
      const groups: Record<string, GroupMetrics> = {};
      const sampledInGroup = new Map<string, number>();
      for (const u of this.sampleUsers) if (this.split.armOf(u, day) === a) sampledInGroup.set(this.probe.userGroup(u), (sampledInGroup.get(this.probe.userGroup(u)) ?? 0) + 1);
      for (const [name, users] of [...groupUsers[a].entries()].sort(([x], [y]) => x.localeCompare(y))) {
        const g = d.groups.get(name);
        const sampled = sampledInGroup.get(name) ?? 0;
        groups[name] = {
          users,
          interactions: g?.interactions ?? 0,
          meanTrueValue: g && g.interactions > 0 ? g.trueValue / g.interactions : NaN,
          engagementPerUser: users > 0 ? (g?.engagement ?? 0) / users : NaN,
          tasteDrift: sampled > 0 ? (groupDrift[a].get(name) ?? 0) / sampled : NaN,
        };
      }
      const slateSets = [...arm.slates.values()];
      this.rows.push({
        replication: this.replication,
        seed: this.seed,
        day,
        arm: this.split.names[a],
        users: usersPerArm[a],
        interactions: d.interactions,
        engagementPerUser: usersPerArm[a] > 0 ? d.engagement / usersPerArm[a] : NaN,
        uptake: d.interactions > 0 ? d.recommended / d.interactions : NaN,
        meanTrueValue: d.interactions > 0 ? d.trueValue / d.interactions : NaN,
        personalization: slateSets.length >= 2 ? 1 - meanPairwiseJaccard(slateSets, rng) : NaN,
        coverage: coverage(counts, this.probe.itemCount),
        gini: gini(counts),
        top10Share: topShare(counts, 0.1),
        intraListDiversity: d.ildCount > 0 ? d.ildSum / d.ildCount : NaN,
        homogenization: arm.consumed.size >= 2 ? meanPairwiseJaccard([...arm.consumed.values()], rng) : NaN,
        tasteDrift: sampledPerArm[a] > 0 ? drift[a] / sampledPerArm[a] : NaN,
        requests: d.requests,
        successRate: d.requests > 0 ? d.ok / d.requests : NaN,
        latencyP50: latencies.length > 0 ? latencies[Math.floor(0.5 * (latencies.length - 1))] : NaN,
        latencyP99: latencies.length > 0 ? latencies[Math.floor(0.99 * (latencies.length - 1))] : NaN,
        groups,
      });
      arm.day = newDay();
      arm.slates.clear();
    });
    this.currentDay = day + 1;
  }

  get nextDay(): number {
    return this.currentDay;
  }
}
