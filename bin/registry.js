// The composition root: the one place that knows every plugin. An inversify container holds one
// ContainerModule per plugin (built-in or outside, the same way), and the registries and the
// CLI's dependencies are resolved from it. Only this folder uses the container; the core and the
// plugins stay plain constructors and objects. Service identifiers are explicit symbols and
// values come from toConstantValue/toResolvedValue factories: nothing relies on decorator
// metadata (vitest's transform does not emit it). The CLI (prodsim.js) and experiment worker
// threads both build their registries here.
import {
  CORE_COMMANDS,
  HttpPredictor,
  baselinesOf,
  checkPlugin,
  checkPluginNames,
  commandsOf,
  domainRegistryOf,
  gymCommand,
  importPlugin,
  pluginBaselinesOf,
  transportRegistryOf,
} from '@prodsim/core';
import { experimentCommand, runBaselines, workerCommand } from '@prodsim/experiments';
import { validateCommand } from '@prodsim/validation';
import { Container, ContainerModule } from 'inversify';
import { builtinPlugins } from './builtin-plugins.js';

const PLUGIN = Symbol('ProdsimPlugin');
const PLUGIN_URLS = Symbol('module URLs of the outside plugins (for worker threads)');
const DOMAINS = Symbol('DomainRegistry');
const TRANSPORTS = Symbol('TransportRegistry');
const BASELINES = Symbol("the plugins' baselines (PluginBaseline[]): for experiment arms");
const CLI_DEPS = Symbol('CliDeps');
const ALL_PLUGINS = { serviceIdentifier: PLUGIN, isMultiple: true };
const REGISTRY_MODULE = import.meta.url;

/** One plugin, checked, as a ContainerModule. */
function pluginModule(plugin, source) {
  const checked = checkPlugin(plugin, source);
  return new ContainerModule(({ bind }) => {
    bind(PLUGIN).toConstantValue(checked);
  });
}

const registriesModule = new ContainerModule(({ bind }) => {
  bind(DOMAINS)
    .toResolvedValue((plugins) => domainRegistryOf(plugins), [ALL_PLUGINS])
    .inSingletonScope();
  bind(TRANSPORTS)
    .toResolvedValue((plugins) => transportRegistryOf(plugins), [ALL_PLUGINS])
    .inSingletonScope();
  bind(BASELINES)
    .toResolvedValue((plugins) => pluginBaselinesOf(plugins, runBaselines), [ALL_PLUGINS])
    .inSingletonScope();
});

const cliModule = new ContainerModule(({ bind }) => {
  bind(CLI_DEPS).toResolvedValue(
    (plugins, domains, transports, baselines, pluginUrls) => {
      const own = {
        gym: gymCommand({ domains, transports, stdin: process.stdin }),
        experiment: experimentCommand({ domains, baselines, registryModule: REGISTRY_MODULE, plugins: pluginUrls }),
        // Queue workers run each job's units in threads built from this same module, with the job's plugins.
        worker: workerCommand({ registryModule: REGISTRY_MODULE }),
        validate: validateCommand({ domains, registryModule: REGISTRY_MODULE }),
      };
      return {
        domains,
        transports,
        commands: commandsOf(plugins, own, CORE_COMMANDS),
        baselines: baselinesOf(plugins, runBaselines),
        httpPredictor: (url) => new HttpPredictor(url),
      };
    },
    [ALL_PLUGINS, DOMAINS, TRANSPORTS, BASELINES, PLUGIN_URLS],
  );
});

/** The container for the built-ins and the given outside plugins (LoadedPlugin: plugin, url, source). */
function containerOf(loaded) {
  checkPluginNames([...builtinPlugins.map((plugin) => ({ plugin, source: 'prodsim' })), ...loaded]);
  const container = new Container();
  container.load(
    ...builtinPlugins.map((plugin) => pluginModule(plugin, 'prodsim')),
    ...loaded.map(({ plugin, source }) => pluginModule(plugin, source)),
    new ContainerModule(({ bind }) => {
      bind(PLUGIN_URLS).toConstantValue(loaded.map((p) => p.url));
    }),
    registriesModule,
    cliModule,
  );
  return container;
}

/** What the CLI needs, with the outside plugins the command line asked for. */
export function compose(loaded) {
  return containerOf(loaded).get(CLI_DEPS);
}

/**
 * The registries of the built-ins and the outside plugins at these module URLs (worker threads
 * pass the CLI's), and the plugins' baselines that experiment arms may name.
 */
export async function registries(pluginUrls = []) {
  const loaded = [];
  for (const url of pluginUrls) loaded.push(await importPlugin(url, url));
  const container = containerOf(loaded);
  return { domains: container.get(DOMAINS), transports: container.get(TRANSPORTS), baselines: container.get(BASELINES) };
}
