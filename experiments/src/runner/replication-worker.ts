import { parentPort, workerData } from 'node:worker_threads';
import { isProdsimError, type DomainPlugin, type DomainRegistry, type PluginBaseline } from '@prodsim/core';
import { parseExperimentSpec, type ExperimentSpec } from '../spec/experiment-spec.js';
import { runReplication } from './run-replication.js';

// One unit of work in a worker thread: a replication, or one arm of it in the paired design. The
// domain and the plugins' baselines come from the composition root's registry module with the
// same outside plugins as the CLI (their module URLs), named by the parent. A failure says whether it came while loading
// (plugins, domain, spec) or while running, so that a queue worker can tell a spec it cannot load.
const { registryModule, plugins, specInput, replication, arm, raw } = workerData as {
  registryModule: string;
  plugins: readonly string[];
  specInput: unknown;
  replication: number;
  arm?: number;
  raw?: { dir: string; unit: string };
};
type CompositionRoot = { registries(plugins: readonly string[]): Promise<{ domains: DomainRegistry; baselines: readonly PluginBaseline[] }> };
const fail = (phase: 'load' | 'run', error: unknown) =>
  // The code travels with the message: the parent rebuilds a coded error from it.
  parentPort!.postMessage({ type: 'failed', phase, message: (error as Error)?.message ?? String(error), code: isProdsimError(error) ? error.code : undefined });

let loaded: { plugin: DomainPlugin; baselines: readonly PluginBaseline[]; spec: ExperimentSpec } | undefined;
try {
  const { domains, baselines } = await ((await import(registryModule)) as CompositionRoot).registries(plugins);
  const plugin = domains.get((specInput as { domain: string }).domain);
  loaded = { plugin, baselines, spec: parseExperimentSpec(specInput, plugin, baselines) };
} catch (error) {
  fail('load', error);
}
if (loaded) {
  try {
    const result = await runReplication(
      loaded.spec,
      loaded.plugin,
      replication,
      (day) => parentPort!.postMessage({ type: 'day', day }),
      arm,
      raw,
      loaded.baselines,
    );
    parentPort!.postMessage({ type: 'done', result });
  } catch (error) {
    fail('run', error);
  }
}
