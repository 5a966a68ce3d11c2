// The composition root: the one place that knows every plugin. Registration is explicit; the
// CLI (bin/prodsim.js) and experiment worker threads both load the plugins from here.
import { DomainRegistry, MemoryTransport, TransportRegistry } from '@prodsim/core';
import { toyDomain } from '@prodsim/domain-toy';
import { slateDomain } from '@prodsim/domain-slate';
import { imagesDomain } from '@prodsim/domain-images';
import { moviesDomain } from '@prodsim/domain-movies';
import { audioDomain } from '@prodsim/domain-audio';
import { kafkaTransport } from '@prodsim/transport-kafka';
import { natsTransport } from '@prodsim/transport-nats';

export const domains = new DomainRegistry().register(toyDomain).register(slateDomain).register(imagesDomain).register(moviesDomain).register(audioDomain);

export const transports = new TransportRegistry().register({
  name: 'memory',
  description: 'in-process topics (the embedded default; no broker needed)',
  create: () => new MemoryTransport(),
})
  .register(kafkaTransport)
  .register(natsTransport);
