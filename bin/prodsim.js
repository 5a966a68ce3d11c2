#!/usr/bin/env node
// The composition root: the one place that knows every plugin. Registration is explicit.
import { DomainRegistry, HttpPredictor, MemoryTransport, TransportRegistry, runCli } from '@prodsim/core';
import { toyDomain } from '@prodsim/domain-toy';
import { kafkaTransport } from '@prodsim/transport-kafka';
import { natsTransport } from '@prodsim/transport-nats';
import { slateDomain } from '@prodsim/domain-slate';

const domains = new DomainRegistry().register(toyDomain).register(slateDomain);

const transports = new TransportRegistry().register({
  name: 'memory',
  description: 'in-process topics (the embedded default; no broker needed)',
  create: () => new MemoryTransport(),
})
  .register(kafkaTransport)
  .register(natsTransport);

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signals: process }, { domains, transports, httpPredictor: (url) => new HttpPredictor(url) });
process.exitCode = code;
