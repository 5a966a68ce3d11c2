import { ConfigError, ProdsimError, isProdsimError, type DomainPlugin, type PluginBaseline } from '@prodsim/core';
import { parseExperimentSpec, type ExperimentSpec } from './experiment-spec.js';
import { sweepSchema } from './sweep-schema.js';

/** A setting path: object fields and array indices separated by dots (`world.users`, `scenario.0.params.corrupt`). */
const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.([A-Za-z_][A-Za-z0-9_-]*|0|[1-9][0-9]*))*$/;

/**
 * Fields a sweep may not set: what names the experiment, and what pairs the points. Every point
 * runs replication i with the same seed (`<seed>/rep<i>`), so points are compared replication
 * by replication, as arms are in the paired design.
 */
const FIXED = ['name', 'domain', 'sweep', 'seed', 'replications'] as const;

export const MAX_SWEEP_POINTS = 1000;
const MAX_VALUES = 100;

/** One point of a sweep's grid: the base spec with these settings. */
export interface SweepPoint {
  index: number;
  /** Its folder and name in the results: p0, p1, ... */
  name: string;
  /** Path -> value, in the order of the sweep's keys. */
  settings: Record<string, unknown>;
  /** "world.users = 2000, deadlineMs = 300". */
  label: string;
  /** The point's own spec, without `sweep`: an ordinary experiment. */
  specInput: Record<string, unknown>;
  spec: ExperimentSpec;
}

/**
 * The points of a spec's `sweep:` grid (every combination of the listed values, the first key
 * varying slowest), each a complete spec validated as any other, or undefined for a spec without
 * a sweep. Errors name the sweep key (`sweep["world.users"]`) or the point and its settings.
 * Arms may name the loaded plugins' baselines (`pluginBaselines`).
 */
export function sweepPoints(input: Record<string, unknown>, plugin: DomainPlugin, pluginBaselines: readonly PluginBaseline[] = []): SweepPoint[] | undefined {
  const sweep = input.sweep;
  if (sweep === undefined) return undefined;
  if (sweep === null || typeof sweep !== 'object' || Array.isArray(sweep)) throw new ConfigError('sweep', sweep, sweepSchema.allowed);
  const entries = Object.entries(sweep as Record<string, unknown>);
  if (entries.length === 0) throw new ConfigError('sweep', sweep, 'at least one setting path with its list of values (or no sweep)');
  let count = 1;
  for (const [path, values] of entries) {
    const field = `sweep[${JSON.stringify(path)}]`;
    if (!PATH.test(path))
      throw new ConfigError(field, values, 'a key that is a setting path: fields and indices separated by dots, e.g. world.users or scenario.0.params.corrupt');
    const root = path.split('.')[0];
    if ((FIXED as readonly string[]).includes(root))
      throw new ConfigError(field, values, `a path outside ${FIXED.join(', ')} (points share the name, domain and seeds; replications pair them)`);
    if (!Array.isArray(values) || values.length === 0 || values.length > MAX_VALUES)
      throw new ConfigError(field, values, `a list of 1 to ${MAX_VALUES} values`);
    count *= values.length;
  }
  if (count > MAX_SWEEP_POINTS) throw new ConfigError('sweep', `${count} points`, `at most ${MAX_SWEEP_POINTS} points (the product of the lists' lengths)`);

  const base = parseWith(input, plugin, pluginBaselines, 'the spec without its sweep');
  const armNames = base.arms.map((a) => a.name).join(',');
  const { sweep: _omitted, ...rest } = input;
  const points: SweepPoint[] = [];
  for (let index = 0; index < count; index++) {
    const settings: Record<string, unknown> = {};
    let rem = index;
    for (let k = entries.length - 1; k >= 0; k--) {
      const [path, values] = entries[k] as [string, unknown[]];
      settings[path] = values[rem % values.length];
      rem = Math.floor(rem / values.length);
    }
    const ordered = Object.fromEntries(entries.map(([path]) => [path, settings[path]]));
    const name = `p${index}`;
    const label = entries.map(([path]) => `${path} = ${describeValue(ordered[path])}`).join(', ');
    const specInput = structuredClone(rest);
    for (const [path, value] of Object.entries(ordered)) setPath(specInput, path, structuredClone(value));
    const described = typeof specInput.description === 'string' ? `${specInput.description} ` : '';
    specInput.description = `${described}(sweep point ${name}: ${label})`;
    const spec = parseWith(specInput, plugin, pluginBaselines, `sweep point ${name} (${label})`);
    const changed = entries.find(([path]) => path.startsWith('arms.'));
    if (spec.arms.map((a) => a.name).join(',') !== armNames)
      throw new ConfigError(
        `sweep[${JSON.stringify(changed?.[0] ?? 'arms')}]`,
        changed?.[1],
        'values that keep every arm and its name (points are compared arm by arm)',
      );
    points.push({ index, name, settings: ordered, label, specInput, spec });
  }
  return points;
}

/** A value as a point's label shows it: JSON, shortened. */
function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function parseWith(input: Record<string, unknown>, plugin: DomainPlugin, pluginBaselines: readonly PluginBaseline[], what: string): ExperimentSpec {
  const { sweep: _omitted, ...rest } = input;
  try {
    return parseExperimentSpec(rest, plugin, pluginBaselines);
  } catch (error) {
    if (!isProdsimError(error) || what === 'the spec without its sweep') throw error;
    throw new ProdsimError(error.code, `${what}: ${error.message}`, { cause: error });
  }
}

/** Sets `path` in `target`: fields are created in objects as needed; an array index must exist. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at: unknown = target;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const field = `sweep[${JSON.stringify(path)}]`;
    const where = parts.slice(0, i).join('.') || '(the spec)';
    if (Array.isArray(at)) {
      const n = Number(part);
      if (!/^\d+$/.test(part) || n >= at.length) throw new ConfigError(field, value, `a path whose index ${part} exists in ${where} (a list of ${at.length})`);
      if (last) at[n] = value;
      else at = at[n];
    } else if (at !== null && typeof at === 'object') {
      const obj = at as Record<string, unknown>;
      if (/^\d+$/.test(part)) throw new ConfigError(field, value, `a path that names a field of ${where}, an object`);
      if (last) obj[part] = value;
      else {
        if (obj[part] === undefined) obj[part] = {};
        at = obj[part];
      }
    } else {
      throw new ConfigError(field, value, `a path through objects and lists; ${where} is ${describeValue(at)}`);
    }
  });
}
