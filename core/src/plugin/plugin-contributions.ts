import type { CliCommand } from '../cli/cli-command.js';
import type { RunBaselines } from '../cli/run-deps.js';
import { DomainRegistry } from '../domain/domain-registry.js';
import { ErrorCodes, ProdsimError, isProdsimError } from '../errors.js';
import { TransportRegistry } from '../transport/transport-registry.js';
import type { PluginBaseline, ProdsimPlugin } from './prodsim-plugin.js';

/*
 * What a set of plugins contributes, registered in order. Every refusal names the plugin; a clash
 * names both plugins and says what to do. The composition root calls these from its container.
 */

export function domainRegistryOf(plugins: readonly ProdsimPlugin[]): DomainRegistry {
  const registry = new DomainRegistry();
  const owner = new Map<string, string>();
  for (const plugin of plugins) {
    for (const domain of plugin.domains ?? []) {
      const clash = owner.get(domain?.id);
      if (clash !== undefined) throw duplicate(plugin, `domain ${domain.id}`, clash, 'give one of the domains another id (name/vN)');
      named(plugin, () => registry.register(domain));
      owner.set(domain.id, plugin.name);
    }
  }
  return registry;
}

export function transportRegistryOf(plugins: readonly ProdsimPlugin[]): TransportRegistry {
  const registry = new TransportRegistry();
  const owner = new Map<string, string>();
  for (const plugin of plugins) {
    for (const transport of plugin.transports ?? []) {
      const clash = owner.get(transport?.name);
      if (clash !== undefined) throw duplicate(plugin, `transport ${transport.name}`, clash, 'give one of the transports another name');
      named(plugin, () => registry.register(transport));
      owner.set(transport.name, plugin.name);
    }
  }
  return registry;
}

/** The CLI's extra commands: the composition root's own, then the plugins'. None may shadow another or a core command. */
export function commandsOf(
  plugins: readonly ProdsimPlugin[],
  own: Readonly<Record<string, CliCommand>>,
  reserved: readonly string[],
): Record<string, CliCommand> {
  const commands: Record<string, CliCommand> = { ...own };
  const owner = new Map<string, string>(Object.keys(own).map((name) => [name, 'prodsim']));
  for (const name of reserved) owner.set(name, 'prodsim');
  for (const plugin of plugins) {
    for (const [name, command] of Object.entries(plugin.commands ?? {})) {
      if (!/^[a-z][a-z0-9-]*$/.test(name) || typeof command?.run !== 'function' || typeof command.description !== 'string') {
        throw new ProdsimError(
          ErrorCodes.PLUGIN_INVALID,
          `plugin ${plugin.name}: command ${JSON.stringify(name)} needs a lowercase name, a description and a run(argv, io) function`,
        );
      }
      const clash = owner.get(name);
      if (clash !== undefined) throw duplicate(plugin, `command ${name}`, clash, 'rename the command');
      commands[name] = command;
      owner.set(name, plugin.name);
    }
  }
  return commands;
}

/**
 * The plugins' own baselines, checked: each well-formed, and no name taken twice or taken from
 * prodsim's built-in set. `prodsim run --baseline` (baselinesOf) and experiment arms use them.
 */
export function pluginBaselinesOf(plugins: readonly ProdsimPlugin[], builtIn: RunBaselines | undefined): PluginBaseline[] {
  const owner = new Map<string, string>();
  const taken = new Set(['default', ...(builtIn?.names ?? []), ...Object.keys(builtIn?.refused ?? {})]);
  const baselines: PluginBaseline[] = [];
  for (const plugin of plugins) {
    for (const baseline of plugin.baselines ?? []) {
      if (typeof baseline?.name !== 'string' || !/^[a-z][a-z0-9-]*$/.test(baseline.name) || typeof baseline.create !== 'function') {
        throw new ProdsimError(
          ErrorCodes.PLUGIN_INVALID,
          `plugin ${plugin.name}: baseline ${JSON.stringify(baseline?.name)} needs a lowercase name, a description and a create(seed) function`,
        );
      }
      const clash = owner.get(baseline.name) ?? (taken.has(baseline.name) ? 'prodsim' : undefined);
      if (clash !== undefined) throw duplicate(plugin, `baseline ${baseline.name}`, clash, 'rename the baseline');
      owner.set(baseline.name, plugin.name);
      baselines.push(baseline);
    }
  }
  return baselines;
}

/** `--baseline` choices: the built-in set (from @prodsim/experiments), then the plugins' own. */
export function baselinesOf(plugins: readonly ProdsimPlugin[], builtIn: RunBaselines | undefined): RunBaselines | undefined {
  const extra = new Map(pluginBaselinesOf(plugins, builtIn).map((baseline) => [baseline.name, baseline]));
  if (extra.size === 0) return builtIn;
  return {
    names: [...(builtIn?.names ?? []), ...extra.keys()],
    refused: builtIn?.refused,
    create: (name, seed) => extra.get(name)?.create(seed) ?? builtIn!.create(name, seed),
  };
}

function named<T>(plugin: ProdsimPlugin, register: () => T): T {
  try {
    return register();
  } catch (error) {
    if (!isProdsimError(error)) throw error;
    throw new ProdsimError(error.code, `plugin ${plugin.name}: ${error.message}`, { cause: error });
  }
}

function duplicate(plugin: ProdsimPlugin, what: string, owner: string, fix: string): ProdsimError {
  const already =
    owner === plugin.name ? 'which it also brings once more' : `which ${owner === 'prodsim' ? 'prodsim itself' : `plugin ${owner}`} already brings`;
  return new ProdsimError(ErrorCodes.PLUGIN_DUPLICATE, `plugin ${plugin.name} brings ${what}, ${already}; load only one of them, or ${fix}`);
}
