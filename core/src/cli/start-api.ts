import { ApiServer } from '../api/api-server.js';
import type { ApiWorld } from '../api/api-world.js';
import { print, type CliIo } from './cli-io.js';

/** Starts the entity API for the given worlds and says where it listens. */
export async function startApi(worlds: ApiWorld[], address: { host: string; port: number }, io: CliIo): Promise<ApiServer> {
  const server = await ApiServer.create({ worlds, host: address.host, port: address.port, log: (m) => print(io.stderr, m) });
  try {
    const url = await server.listen();
    const stream = worlds.some((w) => w.stream) ? `, event stream ${url}/${worlds[0].team === undefined ? '' : '<team>/'}stream` : '';
    print(io.stderr, `entity API on ${url} (docs ${url}/docs, metrics ${url}/metrics${stream})`);
    return server;
  } catch (error) {
    await server.close();
    throw error;
  }
}
