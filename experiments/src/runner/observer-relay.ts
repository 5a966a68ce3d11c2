import type { InteractionObserver, OutcomeKind } from '@prodsim/core';

/** Forwards slates, interactions, outcomes and domain counts to every target (the recorder, learning baselines). */
export class ObserverRelay implements InteractionObserver {
  targets: InteractionObserver[] = [];

  slate(time: number, user: number, items: ArrayLike<number>): void {
    for (const t of this.targets) t.slate(time, user, items);
  }

  interaction(time: number, user: number, item: number, recommended: boolean, engagement: number, trueValue: number): void {
    for (const t of this.targets) t.interaction(time, user, item, recommended, engagement, trueValue);
  }

  outcome(time: number, user: number, kind: OutcomeKind, latencyMs: number): void {
    for (const t of this.targets) t.outcome(time, user, kind, latencyMs);
  }

  count(time: number, user: number, counter: string, n: number): void {
    for (const t of this.targets) t.count?.(time, user, counter, n);
  }
}
