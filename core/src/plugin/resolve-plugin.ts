import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ErrorCodes, ProdsimError } from '../errors.js';

/** Where a plugin is asked for: what the user wrote, the folder it is relative to, and where it was written. */
export interface PluginRequest {
  /** A package name (`prodsim-plugin-newsroom`, `@acme/x`) or a path (`./plugin`, `/abs/plugin.js`). */
  readonly specifier: string;
  /** Package names resolve from this folder's node_modules (and its parents'); paths relative to it. */
  readonly from: string;
  /** For messages: `--plugin`, `PRODSIM_PLUGINS`, `plugins: in run.yaml`. */
  readonly source: string;
}

// ESM import conditions, in the order Node applies them; `source` (TypeScript) is for tests only.
const CONDITIONS = ['import', 'node', 'default'];

/** The file URL of the module a plugin request names, as Node would import it from `from`. */
export function resolvePlugin(request: PluginRequest): string {
  const { specifier } = request;
  const path = isPath(specifier) ? resolve(request.from, specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier) : undefined;
  if (path !== undefined) {
    if (!existsSync(path)) throw notFound(request, `there is no file or folder ${path}`);
    return pathToFileURL(statSync(path).isDirectory() ? packageEntry(path, '.', request) : path).href;
  }
  const m = /^((?:@[^/]+\/)?[^/@][^/]*)(\/.+)?$/.exec(specifier);
  if (!m) throw notFound(request, 'it is neither a package name nor a path');
  const [name, subpath] = [m[1], m[2] ? `.${m[2]}` : '.'];
  for (let dir = resolve(request.from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return pathToFileURL(packageEntry(candidate, subpath, request)).href;
    if (dirname(dir) === dir) break;
  }
  throw notFound(
    request,
    `no package ${name} in the node_modules of ${request.from} or of a folder above it; install it there (npm install ${name}) or give its path`,
  );
}

function isPath(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('file:') || isAbsolute(specifier);
}

/** The file a package's `exports` (or `main`) maps `subpath` to, under the ESM import conditions. */
function packageEntry(dir: string, subpath: string, request: PluginRequest): string {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return join(dir, subpath === '.' ? 'index.js' : subpath);
  let pkg: { exports?: unknown; main?: unknown };
  try {
    pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.PLUGIN_INVALID, `plugin ${request.specifier} (${request.source}): ${manifest} is not valid JSON`, { cause });
  }
  if (pkg.exports === undefined) return join(dir, subpath === '.' ? (typeof pkg.main === 'string' ? pkg.main : 'index.js') : subpath);
  const exportsMap = pkg.exports;
  const bySubpath = typeof exportsMap === 'object' && exportsMap !== null && Object.keys(exportsMap).some((k) => k.startsWith('.'));
  const target = conditional(bySubpath ? (exportsMap as Record<string, unknown>)[subpath] : subpath === '.' ? exportsMap : undefined);
  if (target === undefined) throw notFound(request, `${manifest} exports no "${subpath}" for import`);
  return join(dir, target);
}

function conditional(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(conditional).find((v) => v !== undefined);
  if (typeof value !== 'object' || value === null) return undefined;
  for (const condition of CONDITIONS) {
    const found = conditional((value as Record<string, unknown>)[condition]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function notFound(request: PluginRequest, why: string): ProdsimError {
  return new ProdsimError(ErrorCodes.PLUGIN_NOT_FOUND, `plugin ${request.specifier} (${request.source}) not found: ${why}`);
}
