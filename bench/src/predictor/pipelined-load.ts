import { connect, type Socket } from 'node:net';

/**
 * A load generator that costs the client almost nothing, run in a child process (`fork`): raw
 * keep-alive sockets, each with `depth` GET requests pipelined at a time, answers counted by their
 * header ends rather than parsed. So the server stays saturated even on a busy machine, and its
 * CPU per request measures its own cost, not the client's pace. Reports requests, 200s, wall time.
 */
interface Job {
  url: string;
  paths: string[];
  sockets: number;
  depth: number;
  seconds: number;
  /** Extra request headers (e.g. a team's `authorization`). */
  headers?: Record<string, string>;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const OK = Buffer.from('HTTP/1.1 200 ');

/** Occurrences of `needle` in `chunk`, counting one that straddles the previous chunk via `carry`. */
function count(needle: Buffer, carry: Buffer, chunk: Buffer): { n: number; carry: Buffer } {
  const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
  let n = 0;
  for (let at = data.indexOf(needle); at !== -1; at = data.indexOf(needle, at + needle.length)) n++;
  return { n, carry: data.subarray(Math.max(0, data.length - needle.length + 1)) };
}

async function run(job: Job): Promise<void> {
  const { hostname, port } = new URL(job.url);
  const host = hostname;
  const extra = Object.entries(job.headers ?? {})
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const requests = job.paths.map((path) => Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}\r\n`));
  let answered = 0;
  let ok = 0;
  let next = 0;
  const end = performance.now() + job.seconds * 1000;
  const t0 = performance.now();
  const one = (socket: Socket) =>
    new Promise<void>((resolve, reject) => {
      let outstanding = 0;
      let headerCarry: Buffer = Buffer.alloc(0);
      let okCarry: Buffer = Buffer.alloc(0);
      const send = () => {
        const batch: Buffer[] = [];
        for (let i = 0; i < job.depth; i++) batch.push(requests[next++ % requests.length]);
        outstanding = job.depth;
        socket.write(Buffer.concat(batch));
      };
      socket.on('data', (chunk: Buffer) => {
        const h = count(HEADER_END, headerCarry, chunk);
        headerCarry = h.carry;
        const o = count(OK, okCarry, chunk);
        okCarry = o.carry;
        answered += h.n;
        ok += o.n;
        outstanding -= h.n;
        if (outstanding <= 0) {
          if (performance.now() < end) send();
          else {
            socket.end();
            resolve();
          }
        }
      });
      socket.on('error', reject);
      send();
    });
  const sockets = await Promise.all(
    Array.from(
      { length: job.sockets },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect({ host, port: Number(port) }, () => resolve(s));
          s.on('error', reject);
        }),
    ),
  );
  await Promise.all(sockets.map(one));
  process.send?.({ requests: answered, ok, wallMs: performance.now() - t0 });
}

process.once('message', (job: Job) => {
  run(job).then(
    () => process.disconnect(),
    (error) => {
      process.send?.({ error: String(error) });
      process.disconnect();
    },
  );
});
