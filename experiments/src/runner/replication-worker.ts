import { parentPort, workerData } from 'node:worker_threads';
import { isProdsimError, type DomainRegistry } from '@prodsim/core';
import { parseExperimentSpec } from '../spec/experiment-spec.js';
import { runReplication } from './run-replication.js';

// One unit of work in a worker thread: a replication, or one arm of it in the paired design. The
// domain comes from the composition root's registry module with the same outside plugins as the
// CLI (their module URLs), named by the parent.
const { registryModule, plugins, specInput, replication, arm, raw } = workerData as {
  registryModule: string;
  plugins: readonly string[];
  specInput: unknown;
  replication: number;
  arm?: number;
  raw?: { dir: string; unit: string };
};
type CompositionRoot = { registries(plugins: readonly string[]): Promise<{ domains: DomainRegistry }> };
try {
  const { domains } = await ((await import(registryModule)) as CompositionRoot).registries(plugins);
  const plugin = domains.get((specInput as { domain: string }).domain);
  const result = await runReplication(
    parseExperimentSpec(specInput, plugin),
    plugin,
    replication,
    (day) => parentPort!.postMessage({ type: 'day', day }),
    arm,
    raw,
  );
  parentPort!.postMessage({ type: 'done', result });
} catch (error) {
  // The code travels with the message: the parent rebuilds a coded error from it.
  parentPort!.postMessage({ type: 'failed', message: (error as Error)?.message ?? String(error), code: isProdsimError(error) ? error.code : undefined });
}
