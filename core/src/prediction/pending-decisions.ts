import type { PredictionEndpoint } from './endpoint.js';
import type { Outcome } from './outcome.js';
import type { Predictor } from './predictor.js';

/** One request whose decision time has not come: what the gateway needs to decide it then. */
export interface PendingDecision {
  endpoint: PredictionEndpoint<any, any>;
  request: unknown;
  unit: number;
  deadlineMs: number;
  target: string;
  /** Who answered (kept in memory only; after a restore the gateway's route names it again). */
  predictor?: Predictor;
  /** The answer, once it is in. */
  outcome: Outcome<unknown> | undefined;
  /** While the answer is out: settles when it is in. */
  wait: Promise<void> | undefined;
  /** A handler given with this one request (not checkpointable); undefined: the endpoint's registered one. */
  onOutcome: ((outcome: Outcome<any>, time: number, target: string, unit: number) => void) | undefined;
}

/** A pending decision as data (for checkpoints): its answer is in, its handler is the endpoint's. */
export interface PendingDecisionState {
  slot: number;
  endpoint: string;
  request: unknown;
  unit: number;
  deadlineMs: number;
  target: string;
  outcome: Outcome<unknown>;
}

/**
 * The requests awaiting their decision, in numbered slots: a slot number is the scheduler event's
 * argument, so a decision is an event of a registered handler (no closure in the queue) and the
 * whole table can be checkpointed once every answer is in.
 */
export class PendingDecisions {
  private slots: (PendingDecision | undefined)[] = [];
  private free: number[] = [];

  add(decision: PendingDecision): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.slots.length;
    this.slots[slot] = decision;
    return slot;
  }

  get(slot: number): PendingDecision | undefined {
    return this.slots[slot];
  }

  /** Removes and returns the decision in `slot`. */
  take(slot: number): PendingDecision {
    const decision = this.slots[slot]!;
    this.slots[slot] = undefined;
    this.free.push(slot);
    return decision;
  }

  /** Resolves when every answer still out is in (each settles by its predictor's deadline). */
  async settled(): Promise<void> {
    for (;;) {
      const waits = this.slots.filter((d) => d?.wait !== undefined).map((d) => d!.wait);
      if (waits.length === 0) return;
      await Promise.all(waits);
    }
  }

  /** The table as data; every answer must be in (`settled`) and every handler the endpoint's. */
  snapshot(): { decisions: PendingDecisionState[]; free: number[] } {
    const decisions: PendingDecisionState[] = [];
    this.slots.forEach((d, slot) => {
      if (d === undefined) return;
      if (d.outcome === undefined) throw new Error(`the answer to request ${slot} (${d.endpoint.name}) is still out: wait for settled() first`);
      if (d.onOutcome !== undefined) throw new Error(`a ${d.endpoint.name} request was made with a handler of its own`);
      decisions.push({ slot, endpoint: d.endpoint.name, request: d.request, unit: d.unit, deadlineMs: d.deadlineMs, target: d.target, outcome: d.outcome });
    });
    return { decisions, free: [...this.free] };
  }

  /** Replaces the table with a snapshot's; `endpoint` finds each decision's endpoint by name. */
  restore(state: { decisions: PendingDecisionState[]; free: number[] }, endpoint: (name: string) => PredictionEndpoint<any, any>): void {
    this.slots = [];
    for (const d of state.decisions) {
      this.slots[d.slot] = {
        endpoint: endpoint(d.endpoint),
        request: d.request,
        unit: d.unit,
        deadlineMs: d.deadlineMs,
        target: d.target,
        outcome: d.outcome,
        wait: undefined,
        onOutcome: undefined,
      };
    }
    this.free = [...state.free];
  }

  /** Decisions with a handler of their own (which a checkpoint cannot restore), by endpoint. */
  adHoc(): string[] {
    return [...new Set(this.slots.filter((d) => d?.onOutcome !== undefined).map((d) => d!.endpoint.name))];
  }
}
