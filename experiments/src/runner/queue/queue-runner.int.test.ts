import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { CORE_VERSION } from '@prodsim/core';
import { toyDomain } from '@prodsim/domain-toy';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../../../../test/support/cli-e2e.js';
import { runExperiment } from '../experiment-runner.js';
import { parseQueueUrl } from './queue-address.js';
import { queueExecutor } from './queue-executor.js';
import { JOB_PROTOCOL, decodeStatus, encodeJson } from './queue-job.js';
import { QueueWorker } from './queue-worker.js';

// Against the dev server (transports/nats/dev-server/start.sh, 127.0.0.1:4222), with `prodsim
// worker` processes from the compiled CLI (`npx tsc -b` first). Every test has a queue of its own.
const SERVER = 'nats://127.0.0.1:4222';
const REGISTRY = new URL(`file://${join(ROOT, 'bin/registry.js')}`).href;
const tmp = mkdtempSync(join(tmpdir(), 'prodsim-queue-int-'));
const used: string[] = [];
let n = 0;
const queueUrl = () => {
  const url = `${SERVER}/it${process.pid}x${Date.now().toString(36)}x${n++}`;
  used.push(url);
  return url;
};
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  // The queues' streams and buckets go too: the dev server's store outlives the tests.
  const nc = await connect({ servers: '127.0.0.1:4222' });
  const jsm = await jetstreamManager(nc);
  for (const address of used.map((u) => parseQueueUrl(u))) {
    for (const stream of [address.stream, `KV_${address.statusBucket}`, `OBJ_${address.resultBucket}`]) await jsm.streams.delete(stream).catch(() => {});
  }
  await nc.close();
});
const dir = (name: string) => mkdtempSync(join(tmp, `${name}-`));

const spec = {
  name: 'toy-queue',
  domain: 'toy',
  seed: '21',
  replications: 4,
  days: 6,
  world: { users: 600, items: 40, sessionsPerDay: 3 },
  arms: [
    { name: 'random', predictor: 'random' },
    { name: 'popular', predictor: 'popularity' },
  ],
};

/** A `prodsim worker` process, its output kept line by line. */
class WorkerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  private readonly waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  /** The exit code (null when killed by a signal), once the process has exited and its output is all read. */
  readonly closed: Promise<number | null>;

  constructor(url: string, concurrency = 1) {
    this.child = spawn(process.execPath, [CLI, 'worker', '--nats', url, '--concurrency', String(concurrency)], { cwd: ROOT });
    let buffer = '';
    this.child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        this.lines.push(line);
        for (const w of [...this.waiters]) {
          if (w.pattern.test(line)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(line);
          }
        }
      }
    });
    this.child.stderr.on('data', (d: Buffer) => this.lines.push(`stderr: ${d.toString()}`));
    // 'close', not 'exit': output may still be in the pipe when the process has exited.
    this.closed = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /**
   * Stops the worker (SIGTERM: it finishes what it is logging and exits) and returns all it
   * printed. A worker logs a job's end only after storing its result and acknowledging it, so a
   * coordinator may have collected the result before that line is printed: read a worker's log
   * only once it has stopped.
   */
  async stopped(): Promise<string[]> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.closed;
    return this.lines;
  }

  /** The first line (already printed or still to come) matching the pattern. */
  line(pattern: RegExp): Promise<string> {
    const seen = this.lines.find((l) => pattern.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }
}

const workers: WorkerProcess[] = [];
const startWorker = (url: string, concurrency = 1) => {
  const w = new WorkerProcess(url, concurrency);
  workers.push(w);
  return w;
};
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stopped();
});

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const read = (folder: string, file: string) => readFileSync(join(folder, file), 'utf8');

/** The same spec run in this process, no queue: what every distributed run must equal byte for byte. */
async function localRun(specInput: Record<string, unknown>, raw = false): Promise<string> {
  const out = dir('local');
  await runExperiment({ specInput, plugin: toyDomain, outDir: out, workers: 0, raw });
  return out;
}

describe('experiments on queue workers (nats-server)', () => {
  it('two worker processes, one SIGKILLed mid-job: the job is delivered again, and the summary equals the single-process run', async () => {
    const url = queueUrl();
    const a = startWorker(url);
    const b = startWorker(url);
    await Promise.all([a.line(/waiting for jobs/), b.line(/waiting for jobs/)]);
    const notices: string[] = [];
    const out = dir('queued');
    const run = runExperiment({
      specInput: spec,
      plugin: toyDomain,
      outDir: out,
      workers: 0,
      executor: queueExecutor({ url, ackWaitMs: 3000, onNotice: (line) => notices.push(line) }),
    });
    // Whichever worker starts a job first is killed while running it.
    const started = await Promise.race([a, b].map((w) => w.line(/: started$/).then((line) => ({ w, line }))));
    const killedJob = /job \S+ \((\S+)\): started$/.exec(started.line)![1];
    started.w.child.kill('SIGKILL');
    const survivor = started.w === a ? b : a;
    const result = await run;

    expect(await started.w.closed).toBeNull();
    const lines = await survivor.stopped();
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`\\(${literal(killedJob)}, delivery 2\\): started$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`\\(${literal(killedJob)}\\): done in [\\d.]+ s$`)));
    expect(notices.some((l) => /is running again \(delivery 2\) on worker/.test(l))).toBe(true);
    expect(result.summary.replications).toBe(4);

    const local = await localRun(spec);
    expect(read(out, 'summary.json')).toBe(read(local, 'summary.json'));
    expect(read(out, 'metrics.jsonl')).toBe(read(local, 'metrics.jsonl'));
  }, 240_000);

  it('prodsim experiment run --queue with an outside plugin (--plugin) and its baseline as an arm, paired: the same files as in threads', async () => {
    const url = queueUrl();
    // The worker is started without the plugin: the job names it, and the worker loads it from there.
    startWorker(url, 2);
    const specFile = join(dir('newsroom'), 'feeds.json');
    const feeds = {
      name: 'newsroom-queue',
      domain: 'newsroom',
      seed: '7',
      replications: 2,
      days: 2,
      design: 'paired',
      world: { readers: 200, publishers: 6, articlesPerDay: 30 },
      arms: [
        { name: 'popularity', predictor: 'popularity' },
        // The plugin's own baseline: the queue worker's threads get it from the job's plugins.
        { name: 'latest', predictor: 'latest' },
      ],
    };
    writeFileSync(specFile, JSON.stringify(feeds));
    const plugin = ['--plugin', './examples/plugin-newsroom', '--no-progress'];
    const queued = dir('cli-queue');
    const threads = dir('cli-threads');
    const q = await runCli(['experiment', 'run', specFile, '--queue', url, '--out', queued, ...plugin]).done;
    expect(q.stderr).toMatch(/^4 jobs queued on nats:\/\/127\.0\.0\.1:4222\//m);
    expect(q.code).toBe(0);
    const t = await runCli(['experiment', 'run', specFile, '--workers', '2', '--out', threads, ...plugin]).done;
    expect(t.code).toBe(0);
    for (const file of ['summary.json', 'metrics.jsonl']) expect(read(queued, file)).toBe(read(threads, file));
    expect(read(queued, 'metrics.jsonl')).toContain('"arm":"latest"');
  }, 240_000);

  it('a job longer than the ack wait stays with its worker: it reports progress within the ack wait', async () => {
    const url = queueUrl();
    // Two lanes, one job: the idle lane would take the job if the queue thought it abandoned.
    const w = startWorker(url, 2);
    // The job must outlast the ack wait (1 s) on a machine of any speed (30 days once took 0.9 s):
    // as many days as take about 4 s in this process, timed on 30 of them.
    const t0 = performance.now();
    await localRun({ ...spec, replications: 1, days: 30 });
    const days = Math.max(30, Math.ceil((30 * 4000) / (performance.now() - t0)));
    const long = { ...spec, replications: 1, days };
    const out = dir('long');
    await runExperiment({ specInput: long, plugin: toyDomain, outDir: out, workers: 0, executor: queueExecutor({ url, ackWaitMs: 1000 }) });
    const lines = await w.stopped();
    const seconds = lines.flatMap((l) => /: done in ([\d.]+) s$/.exec(l)?.[1] ?? []).map(Number);
    expect(seconds).toHaveLength(1);
    // The job outlasted the ack wait (else this test would show nothing), and was never delivered again.
    expect(seconds[0]).toBeGreaterThan(1);
    expect(lines.filter((l) => /delivery \d+\)|already done/.test(l))).toEqual([]);
  }, 240_000);

  it('a restarted coordinator resumes from the stored results, and a sweep with raw data arrives whole', async () => {
    const url = queueUrl();
    startWorker(url);
    startWorker(url);
    const sweep = { ...spec, replications: 3, days: 3, sweep: { 'world.sessionsPerDay': [1, 3] } };
    const interrupt = new AbortController();
    const first = dir('first');
    // The first coordinator stops (Ctrl-C) once two units are done; the workers go on.
    const stopped = runExperiment({
      specInput: sweep,
      plugin: toyDomain,
      outDir: first,
      workers: 0,
      raw: true,
      executor: queueExecutor({ url, ackWaitMs: 5000, signal: interrupt.signal }),
      onProgress: (done) => (done >= 2 ? interrupt.abort() : undefined),
    });
    await expect(stopped).rejects.toMatchObject({ code: 'PRODSIM_ERR_QUEUE_INTERRUPTED' });
    expect(existsSync(join(first, 'sweep.json'))).toBe(false);

    // A second coordinator in another folder, with nothing kept locally, takes what is stored.
    const notices: string[] = [];
    const second = dir('second');
    const result = await runExperiment({
      specInput: sweep,
      plugin: toyDomain,
      outDir: second,
      workers: 0,
      raw: true,
      executor: queueExecutor({ url, ackWaitMs: 5000, onNotice: (line) => notices.push(line) }),
    });
    const stored = Number(/(\d+) results taken from the queue's result store/.exec(notices.join('\n'))?.[1] ?? 0);
    expect(stored).toBeGreaterThanOrEqual(2);
    expect(result.sweep!.points).toHaveLength(2);

    const local = await localRun(sweep, true);
    expect(read(second, 'sweep.json')).toBe(read(local, 'sweep.json'));
    for (const point of ['p0', 'p1']) {
      const at = (root: string) => join(root, 'points', point);
      expect(read(at(second), 'summary.json')).toBe(read(at(local), 'summary.json'));
      const rawFiles = readdirSync(join(at(local), 'raw')).sort();
      expect(readdirSync(join(at(second), 'raw')).sort()).toEqual(rawFiles);
      for (const f of rawFiles.filter((x) => /^(slates|interactions|consumption)-/.test(x)))
        expect(readFileSync(join(at(second), 'raw', f)).equals(readFileSync(join(at(local), 'raw', f)))).toBe(true);
    }
  }, 240_000);

  it('a job queued again after it is done is acknowledged without running: jobs are idempotent by id', async () => {
    const url = queueUrl();
    const address = parseQueueUrl(url);
    const log: string[] = [];
    // Once the job is published again: how the worker took the delivery (run it, or not).
    let republished: string | undefined;
    let answer: (line: string) => void = () => {};
    const again = new Promise<string>((resolve) => (answer = resolve));
    const onLine = (line: string) => {
      log.push(line);
      if (republished !== undefined && line.includes(`(${republished}`) && /(started|acknowledged)$/.test(line)) answer(line);
    };
    const worker = new QueueWorker({ address, concurrency: 1, registryModule: REGISTRY, version: CORE_VERSION, log: onLine });
    const running = worker.run();
    const small = { ...spec, replications: 2, days: 2 };
    await runExperiment({ specInput: small, plugin: toyDomain, outDir: dir('idempotent'), workers: 0, executor: queueExecutor({ url }) });

    // The same job once more (a coordinator's retry, a duplicate publish): its id is all that counts.
    const nc = await connect({ servers: address.servers });
    const js = jetstream(nc);
    const kv = await new Kvm(js).open(address.statusBucket);
    const ids: string[] = [];
    for await (const key of await kv.keys()) ids.push(key);
    const [id] = ids.sort();
    const before = await kv.get(id);
    expect(decodeStatus(before!.value)).toMatchObject({ state: 'done' });
    const message = {
      protocol: JOB_PROTOCOL,
      prodsim: CORE_VERSION,
      id,
      label: '0',
      specInput: small,
      unit: { replication: 0 },
      plugins: [],
      ackWaitMs: 30_000,
    };
    republished = id;
    await js.publish(`${address.jobs}.${id}`, encodeJson(message));
    expect(await again).toMatch(new RegExp(`\\(${literal(id)}\\) was already done; acknowledged$`));
    await worker.stop();
    await running;

    // Not run again (no "started" for it beyond the first), its state untouched, the queue empty.
    expect(log.filter((l) => l.includes(`(${id}`) && l.endsWith('started'))).toHaveLength(1);
    expect((await kv.get(id))!.revision).toBe(before!.revision);
    expect((await (await jetstreamManager(nc)).streams.info(address.stream)).state.messages).toBe(0);
    await nc.close();
  }, 120_000);

  it('a worker of another prodsim version: a named error, and nothing aggregated', async () => {
    const url = queueUrl();
    const stale = new QueueWorker({ address: parseQueueUrl(url), concurrency: 1, registryModule: REGISTRY, version: '0.0.1-old', log: () => {} });
    const running = stale.run();
    const out = dir('version');
    await expect(runExperiment({ specInput: spec, plugin: toyDomain, outDir: out, workers: 0, executor: queueExecutor({ url }) })).rejects.toMatchObject({
      code: 'PRODSIM_ERR_QUEUE_VERSION',
      message: expect.stringMatching(
        new RegExp(
          `^worker \\S+ runs prodsim 0\\.0\\.1-old \\(job protocol 1\\) and refused job \\d of this coordinator, prodsim ${CORE_VERSION.replaceAll('.', '\\.')}`,
        ),
      ),
    });
    await stale.stop();
    await running;
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
    expect(existsSync(join(out, 'metrics.jsonl'))).toBe(false);
  }, 120_000);

  it('a spec a worker cannot load (a plugin it does not have): a named error naming the cause', async () => {
    const url = queueUrl();
    const worker = new QueueWorker({ address: parseQueueUrl(url), concurrency: 1, registryModule: REGISTRY, version: CORE_VERSION, log: () => {} });
    const running = worker.run();
    const out = dir('unloadable');
    const missing = new URL(`file://${join(tmp, 'no-such-plugin', 'index.js')}`).href;
    await expect(
      runExperiment({ specInput: spec, plugin: toyDomain, outDir: out, workers: 0, executor: queueExecutor({ url, plugins: [missing] }) }),
    ).rejects.toMatchObject({
      code: 'PRODSIM_ERR_QUEUE_SPEC',
      message: expect.stringMatching(
        /^worker \S+ cannot load the spec of job \d: plugin .*no-such-plugin.* cannot be imported .* \[PRODSIM_ERR_PLUGIN_INVALID\]$/,
      ),
    });
    await worker.stop();
    await running;
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
  }, 120_000);
});
