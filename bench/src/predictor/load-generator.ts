import { Pool } from 'undici';

/**
 * A loopback HTTP load generator, run in a child process (`fork`) so that it does not share the
 * server's event loop: keeps `inFlight` GET requests going for `seconds` over `paths` (cycled),
 * then reports requests, errors, statuses and latency quantiles to the parent over IPC.
 */
interface Job {
  url: string;
  paths: string[];
  inFlight: number;
  seconds: number;
  /** Extra request headers (e.g. a team's `authorization`). */
  headers?: Record<string, string>;
}

async function run(job: Job): Promise<void> {
  const pool = new Pool(job.url, { connections: job.inFlight, pipelining: 1 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let next = 0;
  const end = performance.now() + job.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const path = job.paths[next++ % job.paths.length];
      const t0 = performance.now();
      try {
        const res = await pool.request({ path, method: 'GET', headers: job.headers });
        await res.body.dump({ limit: Infinity });
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: job.inFlight }, worker));
  const wallMs = performance.now() - t0;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  process.send?.({ requests: latencies.length, errors, statuses, wallMs, p50: q(0.5), p99: q(0.99) });
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
