import { runTransportConformance } from '@prodsim/core/testing';
import { parseNatsOptions } from './nats-options.js';
import { NatsTransport } from './nats-transport.js';

// Needs the dev server: transports/nats/dev-server/start.sh (127.0.0.1:4222 with -js, or PRODSIM_NATS_SERVERS).
const servers = process.env.PRODSIM_NATS_SERVERS ?? '127.0.0.1:4222';
const team = `conformance${process.pid}`;

runTransportConformance('nats (jetstream)', () => new NatsTransport(parseNatsOptions({ servers, team, clientId: 'prodsim-conformance' })), { messages: 3000 });
runTransportConformance('nats (jetstream, from beginning)', () => new NatsTransport(parseNatsOptions({ servers, team, clientId: 'prodsim-conformance' })), {
  messages: 3000,
  from: 'beginning',
});
runTransportConformance('nats (core)', () => new NatsTransport(parseNatsOptions({ servers, team, mode: 'core', clientId: 'prodsim-conformance-core' })), {
  messages: 3000,
});

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll } from 'vitest';

afterAll(async () => {
  // Leave no test stream behind on the dev server.
  const nc = await connect({ servers: servers.split(',') });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(parseNatsOptions({ team }).stream).catch(() => false);
  await nc.close();
});

import { describe, expect, it } from 'vitest';
import { AsyncAckChannel } from './async-ack-channel.js';
import { subjectFor } from './nats-options.js';

describe('JetStream de-duplication (real server)', () => {
  it('a message re-sent with the same id is acknowledged as a duplicate and stored once', async () => {
    const dedupTeam = `dedup${process.pid}`;
    const options = parseNatsOptions({ servers, team: dedupTeam });
    const transport = new NatsTransport(options);
    await transport.connect(); // creates the team's stream
    const nc = await connect({ servers: servers.split(',') });
    const channel = new AsyncAckChannel(nc, 5000);
    const send = (id: string) =>
      new Promise<boolean>((resolve, reject) =>
        channel.send(subjectFor(options, 'log'), 'same line', id, 'k', (error, duplicate) => (error ? reject(error) : resolve(duplicate === true))),
      );
    expect(await send('id-1')).toBe(false);
    expect(await send('id-1')).toBe(true);
    expect(await send('id-2')).toBe(false);
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info(options.stream)).state.messages).toBe(2);
    channel.close();
    await jsm.streams.delete(options.stream);
    await transport.close();
    await nc.close();
  });
});
