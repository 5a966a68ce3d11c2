import { hashSeed } from '@prodsim/core';

export interface ArmShare {
  name: string;
  /** Share of users in [0, 1]; the shares of all arms sum to 1. */
  share: number;
}

/** A canary: its share of users changes at given days; the other arms split the rest in proportion. */
export interface CanarySchedule {
  arm: string;
  steps: { day: number; share: number }[];
}

/**
 * Assigns users to arms. Each user gets a fixed position in [0, 1) from a seeded hash, and arms
 * own consecutive ranges of it, so assignment is stable per seed, independent of traffic order,
 * and a growing canary only ever takes users from the other arms (never shuffles them).
 */
export class ArmSplit {
  readonly names: string[];
  private readonly salt: string;
  /**
   * Positions already hashed, by user (-1: not yet). `armOf` runs for every slate, interaction
   * and request of an experiment, so each user's hash is computed once, not once per event.
   */
  private positions = new Float64Array(0);
  /** The shares of the day asked last: events come day by day, so one entry is enough. */
  private sharesDay = NaN;
  private shares: number[] = [];

  constructor(
    private readonly arms: readonly ArmShare[],
    seed: string,
    private readonly canary?: CanarySchedule,
  ) {
    const total = arms.reduce((a, b) => a + b.share, 0);
    if (Math.abs(total - 1) > 1e-9) throw new Error(`arm shares must sum to 1, got ${total}`);
    if (canary && !arms.some((a) => a.name === canary.arm)) throw new Error(`canary arm ${canary.arm} is not one of the arms`);
    this.names = arms.map((a) => a.name);
    this.salt = `arms/${seed}`;
  }

  /** Position of a user in [0, 1). */
  position(user: number): number {
    if (!(user >= 0 && user < 0x7fffffff && Number.isInteger(user))) return this.hash(user);
    if (user >= this.positions.length) {
      const grown = new Float64Array(Math.max(user + 1, this.positions.length * 2, 1024)).fill(-1);
      grown.set(this.positions);
      this.positions = grown;
    }
    let x = this.positions[user];
    if (x < 0) this.positions[user] = x = this.hash(user);
    return x;
  }

  private hash(user: number): number {
    return hashSeed(`${this.salt}/${user}`)[0] / 4294967296;
  }

  /** The arm index serving `user` on simulated day `day`. */
  armOf(user: number, day: number): number {
    const x = this.position(user);
    if (day !== this.sharesDay) {
      this.shares = this.sharesOn(day);
      this.sharesDay = day;
    }
    const shares = this.shares;
    if (this.canary) {
      // The canary owns the top of the range, so a growing canary takes users from the others.
      const c = this.names.indexOf(this.canary.arm);
      if (x >= 1 - shares[c]) return c;
    }
    let acc = 0;
    let last = 0;
    for (let i = 0; i < shares.length; i++) {
      if (this.canary && this.names[i] === this.canary.arm) continue;
      acc += shares[i];
      last = i;
      if (x < acc) return i;
    }
    return last;
  }

  /** Each arm's share of users on `day` (constant without a canary). */
  sharesOn(day: number): number[] {
    if (!this.canary) return this.arms.map((a) => a.share);
    const canaryIndex = this.names.indexOf(this.canary.arm);
    let share = this.arms[canaryIndex].share;
    for (const step of this.canary.steps) if (day >= step.day) share = step.share;
    const others = this.arms.reduce((a, b, i) => (i === canaryIndex ? a : a + b.share), 0);
    return this.arms.map((a, i) => (i === canaryIndex ? share : others === 0 ? (1 - share) / (this.arms.length - 1) : (a.share / others) * (1 - share)));
  }

  /**
   * The smallest positive share any arm has on any day (day 0 and each canary step): how thin
   * the thinnest arm gets, which sizes the pool of users that metrics are measured on.
   */
  smallestShare(): number {
    const days = [0, ...(this.canary?.steps.map((s) => s.day) ?? [])];
    let smallest = 1;
    for (const day of days) for (const share of this.sharesOn(day)) if (share > 0 && share < smallest) smallest = share;
    return smallest;
  }
}
