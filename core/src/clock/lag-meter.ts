/**
 * Measures how far a paced run falls behind the wall clock: for every dispatched event, the
 * wall time by which it was late (0 when on time).
 */
export class LagMeter {
  samples = 0;
  lateEvents = 0;
  maxMs = 0;
  totalMs = 0;
  /** Lag of the most recent event, ms. */
  currentMs = 0;

  record(lagMs: number): void {
    this.samples++;
    const lag = Math.max(lagMs, 0);
    this.currentMs = lag;
    if (lag > 0) {
      this.lateEvents++;
      this.totalMs += lag;
      if (lag > this.maxMs) this.maxMs = lag;
    }
  }

  get meanMs(): number {
    return this.samples === 0 ? 0 : this.totalMs / this.samples;
  }

  snapshot(): { samples: number; lateEvents: number; maxMs: number; meanMs: number; currentMs: number } {
    return { samples: this.samples, lateEvents: this.lateEvents, maxMs: this.maxMs, meanMs: this.meanMs, currentMs: this.currentMs };
  }
}
