import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ErrorCodes, ProdsimError } from '../errors.js';

/** Reads a JSON or YAML configuration file (by extension; YAML is a superset, so it is the fallback). */
export function loadConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.CONFIG_FILE, `cannot read configuration file ${path}: ${(cause as Error).message}`, { cause });
  }
  return parseConfigText(text, path);
}

export function parseConfigText(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = source.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new ProdsimError(
      ErrorCodes.CONFIG_FILE,
      `configuration file ${source} is not valid ${source.endsWith('.json') ? 'JSON' : 'YAML'}: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ProdsimError(ErrorCodes.CONFIG_FILE, `configuration file ${source} must hold an object (key: value pairs) at the top level`);
  }
  return value as Record<string, unknown>;
}
