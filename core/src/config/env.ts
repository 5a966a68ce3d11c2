/**
 * Environment variables as configuration: PRODSIM_DAYS=3 sets `days`, PRODSIM_TRANSPORT__BROKERS
 * sets `transport.brokers` (double underscore nests). Values stay strings; the schema converts.
 */
export function envToConfig(env: NodeJS.ProcessEnv, prefix = 'PRODSIM_'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(prefix) || value === undefined) continue;
    const path = name
      .slice(prefix.length)
      .split('__')
      .map((part) => part.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
    let node = out;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return out;
}
