import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The benchmark's prediction service, run in a child process (`fork`): answers every request at
 * once with the same 20 ids, plain text, keep-alive. Tells the parent its port over IPC.
 */
const ANSWER = Array.from({ length: 20 }, (_, i) => `movie+${i}+20${String(i).padStart(2, '0')}`).join(',');
const LENGTH = String(Buffer.byteLength(ANSWER));

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': LENGTH });
  res.end(ANSWER);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
