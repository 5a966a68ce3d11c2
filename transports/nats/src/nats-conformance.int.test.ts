import { runTransportConformance } from '@prodsim/core/testing';
import { parseNatsOptions } from './nats-options.js';
import { NatsTransport } from './nats-transport.js';

// Needs the dev server: transports/nats/dev-server/start.sh (127.0.0.1:4222 with -js, or PRODSIM_NATS_SERVERS).
const servers = process.env.PRODSIM_NATS_SERVERS ?? '127.0.0.1:4222';
const team = `conformance${process.pid}`;

runTransportConformance('nats (jetstream)', () => new NatsTransport(parseNatsOptions({ servers, team, clientId: 'prodsim-conformance' })), { messages: 3000 });
runTransportConformance('nats (jetstream, from beginning)', () => new NatsTransport(parseNatsOptions({ servers, team, clientId: 'prodsim-conformance' })), { messages: 3000, from: 'beginning' });
runTransportConformance('nats (core)', () => new NatsTransport(parseNatsOptions({ servers, team, mode: 'core', clientId: 'prodsim-conformance-core' })), { messages: 3000 });

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
