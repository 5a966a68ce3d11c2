// The plugins that ship with prodsim, as plain ProdsimPlugin objects: registry.js loads them
// exactly as it loads a course designer's own (checked, then one ContainerModule each). They are
// versioned with the core, in lockstep.
import { CORE_VERSION, memoryTransport } from '@prodsim/core';
import { audioDomain } from '@prodsim/domain-audio';
import { imagesDomain } from '@prodsim/domain-images';
import { moviesDomain, moviesStatsCommand } from '@prodsim/domain-movies';
import { slateDomain } from '@prodsim/domain-slate';
import { toyDomain } from '@prodsim/domain-toy';
import { kafkaTransport } from '@prodsim/transport-kafka';
import { natsTransport } from '@prodsim/transport-nats';

const builtin = (name, parts) => ({ name, version: CORE_VERSION, coreVersion: `^${CORE_VERSION}`, ...parts });

export const builtinPlugins = [
  builtin('@prodsim/core', { transports: [memoryTransport] }),
  builtin('@prodsim/domain-toy', { domains: [toyDomain] }),
  builtin('@prodsim/domain-slate', { domains: [slateDomain] }),
  builtin('@prodsim/domain-images', { domains: [imagesDomain] }),
  builtin('@prodsim/domain-movies', { domains: [moviesDomain], commands: { stats: moviesStatsCommand() } }),
  builtin('@prodsim/domain-audio', { domains: [audioDomain] }),
  builtin('@prodsim/transport-kafka', { transports: [kafkaTransport] }),
  builtin('@prodsim/transport-nats', { transports: [natsTransport] }),
];
