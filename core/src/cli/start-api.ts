import { ApiServer, type RateLimitOptions } from '../api/api-server.js';
import type { ApiWorld } from '../api/api-world.js';
import { print, type CliIo } from './cli-io.js';

/** What the run's configuration (`api: {...}`) says about the server besides its address. */
export interface StartApiOptions {
  rateLimit?: RateLimitOptions | false;
  staffToken?: string;
  /** The run's scenario and start, for the staff dashboard's timeline. */
  scenario?: readonly { day: number; action: string; label?: string }[];
  start?: number;
}

/** Starts the entity API for the given worlds and says where it listens. */
export async function startApi(worlds: ApiWorld[], address: { host: string; port: number }, io: CliIo, options: StartApiOptions = {}): Promise<ApiServer> {
  const server = await ApiServer.create({
    worlds,
    host: address.host,
    port: address.port,
    rateLimit: options.rateLimit,
    staffToken: options.staffToken,
    timeline: (options.scenario ?? []).map((step) => ({ time: (options.start ?? 0) + step.day * 86_400_000, label: step.label ?? step.action })),
    log: (m) => print(io.stderr, m),
  });
  try {
    const url = await server.listen();
    const limit =
      options.rateLimit === false
        ? 'no rate limit'
        : `rate limit ${options.rateLimit?.max ?? 100} requests per ${options.rateLimit?.windowMs ?? 1000} ms per client`;
    const stream = worlds.some((w) => w.stream) ? `, event stream ${url}/${worlds[0].team === undefined ? '' : '<team>/'}stream` : '';
    const course = worlds.some((w) => w.token !== undefined);
    const staff = options.staffToken !== undefined ? ': staff token' : course ? ': closed, no staff token' : '';
    print(io.stderr, `entity API on ${url} (docs ${url}/docs, metrics ${url}/metrics${staff}${stream}; ${limit})`);
    for (const line of accessWarnings(address.host, course, options.staffToken !== undefined)) print(io.stderr, `prodsim: warning: ${line}`);
    return server;
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** What an operator should know about who can read /metrics and /docs (ApiAccess decides). */
export function accessWarnings(host: string, course: boolean, staffToken: boolean): string[] {
  if (staffToken) return [];
  if (course) return ['course mode without api.staffToken: nobody may read /metrics (set api.staffToken; prodsim course init writes one)'];
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  return loopback ? [] : [`/metrics and /docs are open to anyone who can reach ${host}: set api.staffToken to keep them to you`];
}
