export type { LoadedPlugin, PluginBaseline, ProdsimPlugin } from './prodsim-plugin.js';
export { checkPlugin, checkPluginNames } from './check-plugin.js';
export { resolvePlugin } from './resolve-plugin.js';
export type { PluginRequest } from './resolve-plugin.js';
export { importPlugin, loadPlugins } from './load-plugins.js';
export { baselinesOf, commandsOf, pluginBaselinesOf, domainRegistryOf, transportRegistryOf } from './plugin-contributions.js';
