import type { CliDeps, DomainRegistry, LoadedPlugin, TransportRegistry } from '@prodsim/core';
export declare function compose(loaded: readonly LoadedPlugin[]): CliDeps;
export declare function registries(pluginUrls?: readonly string[]): Promise<{ domains: DomainRegistry; transports: TransportRegistry }>;
