import { parentPort, workerData } from 'node:worker_threads';
import type { DomainRegistry } from '@prodsim/core';
import { parseExperimentSpec } from '../spec/experiment-spec.js';
import { runReplication } from './run-replication.js';

// One unit of work in a worker thread: a replication, or one arm of it in the paired design. The
// domain comes from the composition root's registry module (explicit registration, the same
// plugins the CLI has), named by the parent.
const { registryModule, specInput, replication, arm, raw } = workerData as { registryModule: string; specInput: unknown; replication: number; arm?: number; raw?: { dir: string; unit: string } };
const { domains } = (await import(registryModule)) as { domains: DomainRegistry };
const spec = specInput as { domain: string };
const plugin = domains.get(spec.domain);
try {
  const result = await runReplication(parseExperimentSpec(specInput, plugin), plugin, replication, (day) => parentPort!.postMessage({ type: 'day', day }), arm, raw);
  parentPort!.postMessage({ type: 'done', result });
} catch (error) {
  parentPort!.postMessage({ type: 'failed', message: (error as Error)?.message ?? String(error) });
}
