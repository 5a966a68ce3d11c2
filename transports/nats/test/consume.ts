import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { readKey } from '../src/key-header.js';
import type { Keyed } from '../../../test/support/cli-e2e.js';

/**
 * A plain JetStream consumer (not the transport's): an ordered consumer on `stream` filtered to
 * `subject`, from the first message, until `expected` arrived and nothing more comes for `quietMs`.
 */
export async function consumeSubject(
  servers: string[],
  stream: string,
  subject: string,
  expected: number,
  { timeoutMs = 120_000, quietMs = 1500 } = {},
): Promise<Keyed[]> {
  const nc = await connect({ servers });
  const js = jetstream(nc);
  const consumer = await js.consumers.get(stream, { filter_subjects: subject, deliver_policy: DeliverPolicy.All });
  const messages = await consumer.consume({ max_messages: 1000 });
  const got: Keyed[] = [];
  let last = Date.now();
  const reading = (async () => {
    for await (const m of messages) {
      got.push({ key: readKey(m.headers), value: m.string() });
      last = Date.now();
    }
  })();
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (got.length >= expected && Date.now() - last >= quietMs) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await messages.close();
  await reading.catch(() => {});
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(stream).catch(() => false);
  await nc.close();
  return got;
}

/** How many messages `stream` holds now (0 before it exists). */
export async function streamMessages(servers: string[], stream: string): Promise<number> {
  const nc = await connect({ servers });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream).catch(() => undefined);
    return info?.state.messages ?? 0;
  } finally {
    await nc.close();
  }
}

/** Resolves once JetStream holds at least one message in `stream` (the run is past start-up and delivering). */
export async function untilStreamHasMessages(servers: string[], stream: string, { timeoutMs = 120_000 } = {}): Promise<void> {
  const nc = await connect({ servers });
  const jsm = await jetstreamManager(nc);
  const started = Date.now();
  try {
    for (;;) {
      const info = await jsm.streams.info(stream).catch(() => undefined);
      if (info && info.state.messages > 0) return;
      if (Date.now() - started > timeoutMs) throw new Error(`no message reached stream ${stream} at ${servers.join(',')} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await nc.close();
  }
}
