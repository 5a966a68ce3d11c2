import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadConfigFile } from '@prodsim/core';
import { parseQueueUrl, queueExecutor, runExperiment } from '@prodsim/experiments';
import { machine, table } from '../report.js';

/**
 * Replications per minute on `prodsim worker` processes behind a NATS JetStream queue, beside
 * today's worker threads, in one run on this machine: the same spec (filter-bubble at reduced
 * size by default) in threads (one per core), then on 1 and on 2 worker processes (one job at a
 * time each). Then the projection for 1,000 replications on N machines like this one. Needs a
 * nats-server with JetStream (transports/nats/dev-server/start.sh); every mode has a queue of its
 * own, deleted afterwards, so no mode finds another's stored results.
 */
const { values } = parseArgs({
  options: {
    spec: { type: 'string' },
    replications: { type: 'string', default: '8' },
    users: { type: 'string', default: '1000' },
    days: { type: 'string', default: '8' },
    server: { type: 'string', default: 'nats://127.0.0.1:4222' },
    total: { type: 'string', default: '1000' },
  },
});
const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin/prodsim.js');
const registryModule = new URL(`file://${join(ROOT, 'bin/registry.js')}`).href;
const { domains } = await ((await import(registryModule)) as { registries(): Promise<{ domains: import('@prodsim/core').DomainRegistry }> }).registries();
const base = loadConfigFile(values.spec ?? join(ROOT, 'examples/experiments/filter-bubble.yaml'));
const specInput: Record<string, unknown> = {
  ...base,
  replications: Number(values.replications),
  days: Number(values.days),
  world: { ...(base.world as Record<string, unknown>), users: Number(values.users) },
};
delete specInput.expect; // expectations need 3+ replications and say nothing about speed
const plugin = domains.get(String(specInput.domain));
const cores = availableParallelism();
const replications = Number(values.replications);
const tmp = mkdtempSync(join(tmpdir(), 'prodsim-bench-queue-'));

/** A `prodsim worker --concurrency 1` process; resolves once it waits for jobs. */
async function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'worker', '--nats', url, '--concurrency', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('waiting for jobs')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`prodsim worker exited (${code}) before waiting for jobs: ${out}`)));
  });
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  const closed = new Promise((resolve) => child.once('close', resolve));
  child.kill('SIGTERM');
  await closed;
}

interface Mode {
  name: string;
  lanes: number;
  wallSeconds: number;
  summary: string;
}

const queues: string[] = [];
async function queued(processes: number): Promise<Mode> {
  const url = `${values.server}/bench${process.pid}x${processes}`;
  queues.push(url);
  const children = await Promise.all(Array.from({ length: processes }, () => startWorker(url)));
  const outDir = mkdtempSync(join(tmp, `queue${processes}-`));
  try {
    // Timed from the coordinator's start (workers already waiting) to the last result aggregated.
    const r = await runExperiment({ specInput, plugin, outDir, workers: 0, fresh: true, executor: queueExecutor({ url }) });
    return {
      name: `${processes} worker process${processes > 1 ? 'es' : ''}`,
      lanes: processes,
      wallSeconds: r.wallSeconds,
      summary: readFileSync(join(outDir, 'summary.json'), 'utf8'),
    };
  } finally {
    await Promise.all(children.map(stopWorker));
  }
}

async function threads(workers: number): Promise<Mode> {
  const outDir = mkdtempSync(join(tmp, `threads${workers}-`));
  const r = await runExperiment({ specInput, plugin, outDir, workers, registryModule, fresh: true });
  return {
    name: `${workers} worker thread${workers > 1 ? 's' : ''} (today)`,
    lanes: workers,
    wallSeconds: r.wallSeconds,
    summary: readFileSync(join(outDir, 'summary.json'), 'utf8'),
  };
}

async function deleteQueues(): Promise<void> {
  const nc = await connect({ servers: parseQueueUrl(values.server).servers });
  const jsm = await jetstreamManager(nc);
  for (const a of queues.map((u) => parseQueueUrl(u)))
    for (const s of [a.stream, `KV_${a.statusBucket}`, `OBJ_${a.resultBucket}`]) await jsm.streams.delete(s).catch(() => {});
  await nc.close();
}

// The machine may be shared: the load says how much of it this run had.
const load = () => loadavg()[0].toFixed(1);
console.log(`# bench/experiments queue (${machine()}, ${cores} cores, load average ${load()} at the start)`);
const arms = (specInput.arms as unknown[]).length;
console.log(
  `spec: ${String(specInput.name)} (${String(specInput.domain)}), ${replications} replications x ${arms} arms, ${values.users} users, ${values.days} days; queue on ${values.server}`,
);
const modes: Mode[] = [];
try {
  modes.push(await threads(cores));
  modes.push(await threads(1));
  modes.push(await queued(1));
  modes.push(await queued(2));
} finally {
  await deleteQueues();
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`load average ${load()} at the end`);

const perMinute = (m: Mode) => (replications * 60) / m.wallSeconds;
const [today] = modes;
console.log(
  table(
    ['mode', 'lanes', 'wall s', 'replications/min', 'vs threads', 'summary.json'],
    modes.map((m) => [
      m.name,
      m.lanes,
      m.wallSeconds.toFixed(1),
      perMinute(m).toFixed(2),
      `${(perMinute(m) / perMinute(today)).toFixed(2)}x`,
      m.summary === today.summary ? 'identical' : 'DIFFERS',
    ]),
  ),
);

// One machine like this one runs `cores` worker processes (or one with --concurrency = cores):
// the measured run with as many lanes as cores gives its rate, and 1,000 jobs are done in waves.
const full = modes.filter((m) => m.name.includes('process')).find((m) => m.lanes === cores) ?? modes[modes.length - 1];
const jobSeconds = (full.wallSeconds * full.lanes) / replications;
const total = Number(values.total);
const rows = [1, 2, 4, 8, 16, 32, 64].map((machines) => {
  const lanes = machines * cores;
  const minutes = (Math.ceil(total / lanes) * jobSeconds) / 60;
  return [machines, lanes, minutes.toFixed(1), `${(total / perMinute(today) / minutes).toFixed(1)}x`];
});
console.log(
  `\nprojection: ${total.toLocaleString('en-US')} replications of this spec on N machines like this one (${cores} lanes each, ${jobSeconds.toFixed(1)} s per job as measured with ${full.lanes} worker processes), in waves of N x ${cores} jobs:`,
);
console.log(table(['machines', 'lanes', 'minutes', 'vs threads on 1 machine'], rows));
console.log(
  `threads on this one machine: ${(total / perMinute(today)).toFixed(0)} minutes. The projection assumes the NATS server is not the bottleneck (a job is a few KiB: one message, a handful of key-value puts, one stored result) and that the coordinator keeps up (it only collects results).`,
);
