import { describe, expect, it } from 'vitest';
import { RandomStream } from '../rng/random-stream.js';
import { CaptureOutput } from '../testing/capture-output.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import { EventSink } from './event-sink.js';
import { EventTap } from './event-tap.js';
import { StreamFaults } from './stream-faults.js';

const scheduler = { hold() {}, now: 0 };

/** An output that reads only while open, keeping what it read. */
class Gate extends CaptureOutput {
  open = false;
  discarded = 0;

  reads(): boolean {
    return this.open;
  }

  discard(_topic: string, _time?: number, count = 1): void {
    this.discarded += count;
  }
}

/** What a domain does: encode and emit the event when anyone reads it, else count it unencoded. */
function send(sink: EventSink, kind: number, i: number): void {
  if (sink.reads(kind)) sink.emit(kind, String(i), `line ${i}`);
  else sink.discard(kind);
}

describe('events nobody reads', () => {
  it('are counted, not encoded, until a subscriber, a tap listener, retention or an output without `reads` reads them', () => {
    const transport = new MemoryTransport();
    const tap = new EventTap(transport);
    const sink = new EventSink([tap], scheduler);
    const watch = sink.declare('watch', 'movielog');
    const rate = sink.declare('rate', 'ratings');
    expect(sink.reads(watch)).toBe(false);
    for (let i = 0; i < 3; i++) send(sink, watch, i);
    sink.emit(rate, null, 'published anyway');
    // Several at once (a movie's plain minutes passed over), counted as that many.
    sink.discard(watch, 5);
    // The same counts as publishing them would give, in the sink and in the transport.
    expect(sink.countsByKind()).toEqual({ watch: 8, rate: 1 });
    expect(sink.total).toBe(9);
    expect(transport.stats()).toEqual({ published: 9, unrouted: 9 });

    const subscription = transport.subscribe('movielog');
    expect(sink.reads(watch)).toBe(true);
    expect(sink.reads(rate)).toBe(false);
    const stop = tap.listen(() => {});
    expect(sink.reads(rate)).toBe(true);
    stop();
    expect(sink.reads(rate)).toBe(false);
    void subscription.close();
    expect(sink.reads(watch)).toBe(false);

    const capturing = new EventSink([new CaptureOutput(), tap], scheduler);
    expect(capturing.reads(capturing.declare('watch', 'movielog'))).toBe(true);
    const retaining = new EventSink([new EventTap(new MemoryTransport({ retain: 10 }))], scheduler);
    expect(retaining.reads(retaining.declare('watch', 'movielog'))).toBe(true);
  });

  it('keep their place in the stream faults: a reader who comes late reads what one there from the start reads', async () => {
    const run = async (openFrom: number) => {
      const gate = new Gate();
      const faults = new StreamFaults(gate, new RandomStream('unread'));
      const sink = new EventSink([faults], scheduler);
      const kind = sink.declare('watch', 'movielog');
      for (let i = 0; i < 25; i++) {
        gate.open = i >= openFrom;
        send(sink, kind, i);
      }
      if (sink.reads(kind)) for (let i = 25; i < 30; i++) send(sink, kind, i);
      else sink.discard(kind, 5);
      gate.open = false;
      // Faults need every value, read or not: damage and held-back events must go out.
      faults.rates.late = 0.2;
      expect(sink.reads(kind)).toBe(true);
      for (let i = 30; i < 230; i++) send(sink, kind, i);
      await faults.flush();
      return { values: gate.events.map((e) => e.value), discarded: gate.discarded, counts: faults.counts };
    };
    const always = await run(0);
    const late = await run(30);
    expect(late.discarded).toBe(30);
    expect(always.discarded).toBe(0);
    expect(late.values).toEqual(always.values.slice(30));
    expect(late.counts).toEqual(always.counts);
    expect(always.counts.delayed).toBeGreaterThan(20);
  });
});
