import { pathToFileURL } from 'node:url';
import { ApiServer } from '@prodsim/core';
import { bareFastify, courseApi, movieCatalog, prodsimApi, type Server } from './api-servers.js';

/**
 * One entity-API server in a process of its own (`fork`), for the simultaneous comparison: two
 * servers loaded at the same time share whatever else the machine runs. Told which server to
 * start (`kind`, and `core`: another build of @prodsim/core), it answers with its URL and the
 * headers its requests need; asked `cpu`, with the CPU time it has used; it ends on disconnect.
 */
export type ServerKind = 'bare' | 'limited' | 'unlimited' | 'course';

export interface StartServer {
  kind: ServerKind;
  /** A directory holding another core's dist/index.js. */
  core?: string;
}

async function start({ kind, core }: StartServer): Promise<Server> {
  const { catalog, record } = movieCatalog(5000);
  const server: Pick<typeof ApiServer, 'create'> =
    core === undefined ? ApiServer : ((await import(pathToFileURL(`${core}/dist/index.js`).href)) as { ApiServer: typeof ApiServer }).ApiServer;
  if (kind === 'bare') return bareFastify(record);
  if (kind === 'course') return courseApi(catalog, server);
  return prodsimApi(catalog, kind === 'limited', server);
}

process.once('message', (job: StartServer) => {
  start(job).then(
    (server) => {
      process.send?.({ url: server.url, headers: server.headers });
      process.on('message', (m) => {
        if (m === 'cpu') process.send?.(process.cpuUsage());
      });
      process.once('disconnect', () => void server.close().then(() => process.exit(0)));
    },
    (error) => {
      process.send?.({ error: String(error) });
      process.disconnect();
    },
  );
});
