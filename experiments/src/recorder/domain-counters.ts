import type { DomainMetric } from '@prodsim/core';

/**
 * The counters of a domain's metrics (core's observe/domain-metric.ts), per arm, for the current
 * simulated day: the domain's own, which it adds to through `InteractionObserver.count`, and the
 * built-in ones the recorder adds to itself (slate items, interactions). A count for a counter no
 * declared metric uses is ignored. Adding allocates nothing.
 */
export class DomainCounters {
  private readonly index = new Map<string, number>();
  private readonly counts: Float64Array[];
  /** Per metric, the positions of its numerator and denominator. */
  private readonly terms: { name: string; numerator: number; denominator: number; scale: number }[];
  /** Positions of the built-in counters, -1 when no metric uses one. */
  readonly slateItems: number;
  readonly slates: number;
  readonly interactions: number;
  readonly recommendedInteractions: number;

  constructor(metrics: readonly DomainMetric[], arms: number) {
    const at = (counter: string) => {
      if (!this.index.has(counter)) this.index.set(counter, this.index.size);
      return this.index.get(counter)!;
    };
    this.terms = metrics.map((m) => ({ name: m.name, numerator: at(m.numerator), denominator: at(m.denominator), scale: m.scale ?? 1 }));
    this.counts = Array.from({ length: arms }, () => new Float64Array(this.index.size));
    this.slateItems = this.index.get('slateItems') ?? -1;
    this.slates = this.index.get('slates') ?? -1;
    this.interactions = this.index.get('interactions') ?? -1;
    this.recommendedInteractions = this.index.get('recommendedInteractions') ?? -1;
  }

  /** Whether any metric is declared (so the recorder can skip the work). */
  get any(): boolean {
    return this.terms.length > 0;
  }

  /** Adds n to a counter by name (the domain's `count`). */
  add(arm: number, counter: string, n: number): void {
    const i = this.index.get(counter);
    if (i !== undefined) this.counts[arm][i] += n;
  }

  /** Adds n to a counter by position (the built-in ones; -1 is no counter). */
  addAt(arm: number, i: number, n: number): void {
    if (i >= 0) this.counts[arm][i] += n;
  }

  /** The arm's metrics for the day so far, by name, then its counters back to zero. */
  closeDay(arm: number): Record<string, number> {
    const c = this.counts[arm];
    const out: Record<string, number> = {};
    for (const t of this.terms) out[t.name] = c[t.denominator] > 0 ? (t.scale * c[t.numerator]) / c[t.denominator] : NaN;
    c.fill(0);
    return out;
  }
}
