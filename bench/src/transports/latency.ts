import type { Transport } from '@prodsim/core';
import { quantile } from './messages.js';

export interface LatencyResult {
  rate: number;
  sent: number;
  received: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Publish-to-consume latency through one transport: messages at a fixed `rate` per second for
 * `seconds`, each carrying its send time; a subscription of the same transport reads them back.
 */
export async function measureLatency(transport: Transport, topic: string, rate: number, seconds: number): Promise<LatencyResult> {
  const sub = transport.subscribe(topic, { from: 'now' });
  await sub.ready;
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const reading = (async () => {
    for await (const m of sub) {
      const sentAt = Number(m.value.slice(0, m.value.indexOf(',')));
      latencies.push(performance.now() - sentAt);
      if (latencies.length >= total) break;
    }
  })();
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
    while (sent < due) {
      const wait = transport.publish(topic, String(sent % 1000), `${performance.now()},${sent % 1000},GET /data/m/heat+1995/${sent % 120}.mpg`);
      sent++;
      if (wait) await wait;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await transport.flush();
  const timer = setTimeout(() => void sub.close(), 15_000);
  await reading;
  clearTimeout(timer);
  await sub.close();
  latencies.sort((a, b) => a - b);
  return { rate, sent, received: latencies.length, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies[latencies.length - 1] ?? NaN };
}
