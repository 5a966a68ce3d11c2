import { ErrorCodes, ProdsimError } from '../errors.js';
import { isValidRange, satisfies } from '../domain/semver.js';
import { CORE_VERSION } from '../version.js';
import type { ProdsimPlugin } from './prodsim-plugin.js';

const VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;
const LISTS = ['domains', 'transports', 'baselines'] as const;
const SHAPE = 'a plugin is an object { name, version, coreVersion, domains?, transports?, baselines?, commands? } (see examples/plugin-newsroom)';

/**
 * Checks that `value` is a ProdsimPlugin this core can run, and returns it. `source` says where it
 * came from (`--plugin ./x`, `built-in`) so that every error names the plugin and what to do.
 * Domains and transports are checked one by one when they are registered.
 */
export function checkPlugin(value: unknown, source: string, coreVersion = CORE_VERSION): ProdsimPlugin {
  const invalid = (what: string) => new ProdsimError(ErrorCodes.PLUGIN_INVALID, `${source} is not a prodsim plugin: ${what}; ${SHAPE}`);
  if (typeof value !== 'object' || value === null) throw invalid(`it exports ${value === null ? 'null' : typeof value}`);
  const plugin = value as Partial<Record<keyof ProdsimPlugin, unknown>>;
  if (typeof plugin.name !== 'string' || plugin.name.length === 0) throw invalid('it has no name');
  const named = `plugin ${plugin.name} (from ${source})`;
  if (typeof plugin.version !== 'string' || !VERSION.test(plugin.version)) {
    throw new ProdsimError(
      ErrorCodes.PLUGIN_INVALID,
      `${named} declares no version of the form x.y.z (got ${JSON.stringify(plugin.version)}); give it its package's version`,
    );
  }
  if (typeof plugin.coreVersion !== 'string' || !isValidRange(plugin.coreVersion)) {
    throw new ProdsimError(
      ErrorCodes.PLUGIN_INVALID,
      `${named} declares no valid coreVersion range (got ${JSON.stringify(plugin.coreVersion)}); declare the @prodsim/core versions it works with, e.g. "^${CORE_VERSION}"`,
    );
  }
  if (!satisfies(coreVersion, plugin.coreVersion)) {
    throw new ProdsimError(
      ErrorCodes.PLUGIN_INCOMPATIBLE,
      `${named} needs @prodsim/core ${plugin.coreVersion}, but this prodsim has core ${coreVersion}; install a version of ${plugin.name} made for core ${coreVersion}, or the prodsim it was made for`,
    );
  }
  for (const list of LISTS) {
    if (plugin[list] !== undefined && !Array.isArray(plugin[list]))
      throw new ProdsimError(ErrorCodes.PLUGIN_INVALID, `${named}: ${list} must be a list; ${SHAPE}`);
  }
  if (plugin.commands !== undefined && (typeof plugin.commands !== 'object' || plugin.commands === null || Array.isArray(plugin.commands))) {
    throw new ProdsimError(ErrorCodes.PLUGIN_INVALID, `${named}: commands must be an object of { description, run(argv, io) } by command name`);
  }
  return value as ProdsimPlugin;
}

/** Two plugins of one name (two copies of a package, say) cannot both load: which one would the user mean? */
export function checkPluginNames(plugins: readonly { plugin: ProdsimPlugin; source: string }[]): void {
  const seen = new Map<string, string>();
  for (const { plugin, source } of plugins) {
    const first = seen.get(plugin.name);
    if (first !== undefined) {
      throw new ProdsimError(ErrorCodes.PLUGIN_DUPLICATE, `plugin ${plugin.name} is loaded twice (from ${first} and from ${source}); load it once`);
    }
    seen.set(plugin.name, source);
  }
}
