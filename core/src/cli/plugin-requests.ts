import { dirname, resolve } from 'node:path';
import { loadConfigFile } from '../config/config-file.js';
import { ConfigError, ErrorCodes, ProdsimError } from '../errors.js';
import type { PluginRequest } from '../plugin/resolve-plugin.js';

/**
 * The plugins a command line asks for, in order: the configuration file's `plugins:` (paths
 * relative to the file), then `PRODSIM_PLUGINS` (comma-separated), then each `--plugin` (paths
 * relative to the working folder). `--plugin` may stand anywhere on the line; it is taken out, so
 * commands never see it. Package names resolve from the working folder's node_modules.
 */
export function pluginRequests(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): { argv: string[]; requests: PluginRequest[] } {
  const rest: string[] = [];
  const flags: PluginRequest[] = [];
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--plugin' || arg.startsWith('--plugin=')) {
      const value = arg === '--plugin' ? argv[++i] : arg.slice('--plugin='.length);
      if (value === undefined || value === '' || value.startsWith('--'))
        throw new ProdsimError(ErrorCodes.USAGE, '--plugin takes a package name or a path, e.g. --plugin prodsim-plugin-newsroom or --plugin ./my-plugin');
      flags.push({ specifier: value, from: cwd, source: `--plugin ${value}` });
      continue;
    }
    if (arg === '--config' && argv[i + 1] !== undefined) configFile = argv[i + 1];
    else if (arg.startsWith('--config=')) configFile = arg.slice('--config='.length);
    rest.push(arg);
  }
  const fromEnv = (env.PRODSIM_PLUGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((specifier) => ({ specifier, from: cwd, source: 'PRODSIM_PLUGINS' }));
  return { argv: rest, requests: [...fromConfig(configFile, cwd), ...fromEnv, ...flags] };
}

function fromConfig(file: string | undefined, cwd: string): PluginRequest[] {
  if (file === undefined) return [];
  const path = resolve(cwd, file);
  const listed = loadConfigFile(path).plugins;
  if (listed === undefined) return [];
  if (!Array.isArray(listed) || !listed.every((p) => typeof p === 'string' && p !== '')) {
    throw new ConfigError('plugins', listed, 'a list of plugin package names or paths (relative to the configuration file)');
  }
  return listed.map((specifier) => ({ specifier, from: dirname(path), source: `plugins in ${file}` }));
}
