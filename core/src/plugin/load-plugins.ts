import { ErrorCodes, ProdsimError } from '../errors.js';
import { checkPlugin } from './check-plugin.js';
import type { LoadedPlugin } from './prodsim-plugin.js';
import { resolvePlugin, type PluginRequest } from './resolve-plugin.js';

/**
 * Resolves, imports and checks the plugins the user asked for, in order. A module asked for twice
 * (by the config file and a flag, say) is loaded once. Clashes between plugins (and with the
 * built-ins) are found when their contributions are registered (plugin-contributions.ts).
 */
export async function loadPlugins(requests: readonly PluginRequest[]): Promise<LoadedPlugin[]> {
  const loaded: LoadedPlugin[] = [];
  for (const request of requests) {
    const url = resolvePlugin(request);
    if (loaded.some((p) => p.url === url)) continue;
    loaded.push(await importPlugin(url, `${request.specifier} (${request.source})`));
  }
  return loaded;
}

/** Imports a module by URL and checks that it exports a plugin (as `plugin`, or by default). */
export async function importPlugin(url: string, source: string): Promise<LoadedPlugin> {
  let module: { plugin?: unknown; default?: unknown };
  try {
    module = await import(url);
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.PLUGIN_INVALID, `plugin ${source} cannot be imported from ${url}: ${(cause as Error)?.message ?? cause}`, { cause });
  }
  const exported = module.plugin ?? module.default;
  if (exported === undefined) {
    throw new ProdsimError(
      ErrorCodes.PLUGIN_INVALID,
      `${source} is not a prodsim plugin: its module exports neither \`plugin\` nor a default export; export the ProdsimPlugin object as one of them`,
    );
  }
  return { plugin: checkPlugin(exported, source), url, source };
}
