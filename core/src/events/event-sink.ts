import type { Scheduler } from '../scheduler/scheduler.js';
import type { EventOutput } from '../transport/transport.js';

export type EventKindId = number;

export interface EventKindInfo {
  id: EventKindId;
  name: string;
  topic: string;
}

/** What the sink has counted (for checkpoints), with the kinds the counts belong to. */
export interface EventSinkState {
  kinds: string[];
  counts: Float64Array;
  emitted: number;
}

/**
 * Where domains put their encoded events. A domain declares its kinds once (name and topic) and
 * then emits values by kind id: no per-event object. Each event goes to every output (the
 * transport, and the file sink when `--out` is set); an output that asks the producer to wait
 * holds the scheduler until it has room.
 */
export class EventSink {
  private readonly kinds: EventKindInfo[] = [];
  private counts = new Float64Array(16);
  private emitted = 0;

  constructor(
    private readonly outputs: readonly EventOutput[],
    private readonly scheduler: Pick<Scheduler, 'hold'> & Partial<Pick<Scheduler, 'now'>>,
  ) {}

  declare(name: string, topic: string): EventKindId {
    const existing = this.kinds.find((k) => k.name === name && k.topic === topic);
    if (existing) return existing.id;
    const id = this.kinds.length;
    if (!this.kinds.some((k) => k.topic === topic)) for (const output of this.outputs) output.declareTopic?.(topic);
    this.kinds.push({ id, name, topic });
    if (id >= this.counts.length) {
      const grown = new Float64Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
    return id;
  }

  emit(kind: EventKindId, key: string | null, value: string): void {
    const topic = this.kinds[kind].topic;
    this.counts[kind]++;
    this.emitted++;
    const outputs = this.outputs;
    const time = this.scheduler.now;
    for (let i = 0; i < outputs.length; i++) {
      const wait = outputs[i].publish(topic, key, value, time);
      if (wait !== undefined) this.scheduler.hold(wait);
    }
  }

  /**
   * Whether anyone reads events of this kind now (an output without `reads` always does). When
   * nobody does, a domain may skip encoding the event and call `discard` instead of `emit`: the
   * counts are the same, and so is every event anyone reads. An experiment's world, whose
   * minute lines go to an in-memory topic with no subscriber, spends no time writing them.
   */
  reads(kind: EventKindId): boolean {
    const topic = this.kinds[kind].topic;
    const outputs = this.outputs;
    for (let i = 0; i < outputs.length; i++) if (outputs[i].reads?.(topic) ?? true) return true;
    return false;
  }

  /** `count` events (default 1) of this kind that nobody reads (see `reads`): counted as emitted, never encoded. */
  discard(kind: EventKindId, count = 1): void {
    const topic = this.kinds[kind].topic;
    this.counts[kind] += count;
    this.emitted += count;
    const outputs = this.outputs;
    const time = this.scheduler.now;
    for (let i = 0; i < outputs.length; i++) outputs[i].discard?.(topic, time, count);
  }

  get total(): number {
    return this.emitted;
  }

  /** Events emitted by kind name (summed over topics). */
  countsByKind(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of this.kinds) out[k.name] = (out[k.name] ?? 0) + this.counts[k.id];
    return out;
  }

  snapshot(): EventSinkState {
    return { kinds: this.kinds.map(kindText), counts: this.counts.slice(0, this.kinds.length), emitted: this.emitted };
  }

  /** Continues the counts of a snapshot; the world must have declared the same kinds again. */
  restore(state: EventSinkState): void {
    const mine = this.kinds.map(kindText);
    if (mine.join(' ') !== state.kinds.join(' ')) {
      throw new Error(`the checkpoint's event kinds [${state.kinds.join(', ')}] are not this world's [${mine.join(', ')}]`);
    }
    this.counts.fill(0);
    this.counts.set(state.counts);
    this.emitted = state.emitted;
  }

  kindsDeclared(): readonly EventKindInfo[] {
    return this.kinds;
  }
}

function kindText(k: EventKindInfo): string {
  return `${k.name}@${k.topic}`;
}
