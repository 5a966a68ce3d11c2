import type { TransportFactory } from '@prodsim/core';
import { parseNatsOptions, type NatsTransportInput } from './nats-options.js';
import { NatsTransport } from './nats-transport.js';

/** `--transport nats`: options from `transport.options` (servers, mode, team, stream, ...). */
export const natsTransport: TransportFactory<NatsTransportInput> = {
  name: 'nats',
  coreVersion: '^0.1.0',
  description: 'NATS: JetStream by default (acknowledged, de-duplicated), mode "core" for speed (dev server: transports/nats/dev-server/start.sh)',
  create(options) {
    return new NatsTransport(parseNatsOptions(options));
  },
};
