import type { CliDeps, DomainRegistry, LoadedPlugin, PluginBaseline, TransportRegistry } from '@prodsim/core';
export declare function compose(loaded: readonly LoadedPlugin[]): CliDeps;
export declare function registries(
  pluginUrls?: readonly string[],
): Promise<{ domains: DomainRegistry; transports: TransportRegistry; baselines: PluginBaseline[] }>;
