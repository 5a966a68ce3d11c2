import type { EventOutput } from '../transport/transport.js';

/** Several outputs as one: each event to each, waiting on all that ask to wait. */
export function fanOut(outputs: readonly EventOutput[]): EventOutput {
  if (outputs.length === 1) return outputs[0];
  return {
    publish(topic, key, value, time) {
      let waits: Promise<void>[] | undefined;
      for (const o of outputs) {
        const w = o.publish(topic, key, value, time);
        if (w) (waits ??= []).push(w);
      }
      if (waits) return Promise.all(waits).then(() => undefined);
    },
    declareTopic(topic) {
      for (const o of outputs) o.declareTopic?.(topic);
    },
    reads(topic) {
      for (const o of outputs) if (o.reads?.(topic) ?? true) return true;
      return false;
    },
    discard(topic, time, count) {
      for (const o of outputs) o.discard?.(topic, time, count);
    },
    async flush() {
      for (const o of outputs) await o.flush();
    },
    async close() {
      for (const o of outputs) await o.close();
    },
  };
}
