import type { EventKindId, EventSink } from '@prodsim/core';
import type { EventSchema } from './event-schema.js';
import { IsoTime } from './iso-time.js';

/** Field values a line may carry (the schema says which, per kind). */
export type EventFields = Record<string, string | number | boolean | readonly number[] | undefined>;

/**
 * Emits a domain's JSON-line events: `{"v":1,"kind":...,"t":...,<fields>}` on one topic, each
 * kind declared once on the core's EventSink. Field order is the caller's (stable bytes); fields
 * set to undefined are left out.
 */
export class JsonEventWriter<K extends string> {
  private readonly ids = new Map<string, EventKindId>();
  private readonly time = new IsoTime();
  private readonly head: string;

  constructor(
    private readonly sink: EventSink,
    readonly topic: string,
    readonly schema: EventSchema & { kinds: Record<K, unknown> },
  ) {
    for (const kind of Object.keys(schema.kinds)) this.ids.set(kind, sink.declare(kind, topic));
    this.head = `{"v":${schema.version},"kind":`;
  }

  emit(kind: K, key: string, time: number, fields: EventFields): void {
    let line = `${this.head}"${kind}","t":"${this.time.format(time)}"`;
    for (const name in fields) {
      const value = fields[name];
      if (value === undefined) continue;
      line += `,"${name}":${typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? `[${value.join(',')}]` : typeof value === 'number' && !Number.isFinite(value) ? 'null' : String(value)}`;
    }
    this.sink.emit(this.ids.get(kind)!, key, `${line}}`);
  }

  /** `2026-01-05` for a time (day-level fields such as creator stats). */
  date(time: number): string {
    return this.time.date(time);
  }
}
