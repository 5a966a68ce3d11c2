import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { MemoryTransport, RandomStream, Simulation, runConfigFields, s } from '@prodsim/core';
import { LINE_PATTERNS, moviesDomain, type MoviesWorld } from '@prodsim/domain-movies';
import { startApp } from '@prodsim/example-recommender-ts';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The course, end to end (PRODSIM_BROKERS=1, the dev broker of transports/kafka/dev-broker on
// 127.0.0.1:9092 and the NATS dev server on 127.0.0.1:4222, after `npx tsc -b`: the CLI runs
// from dist/): `prodsim run movies --transport
// kafka` asks a student-side example service for recommendations while the service learns from
// the same Kafka topic. Read back, the stream must follow the contract line by line, nearly every
// request must have succeeded, and users must take up the service's recommendations more often
// than a random recommender's in a run with the same seed.

const ROOT = resolve(import.meta.dirname, '..');
const BROKERS = '127.0.0.1:9092';
const NATS = '127.0.0.1:4222';
const WORLD = { seed: '7', days: 3, users: 2000 };
const PYTHON_EXAMPLE = join(ROOT, 'examples/recommender-python');
const stamp = `${process.pid}-${Date.now().toString(36)}`;
const DAY_MS = 86_400_000;

interface Summary {
  events: number;
  wallSeconds: number;
  predictionLatencyMs: { p50: number; p99: number } | null;
  world: Record<string, string | number>;
}

interface Figures {
  lines: number;
  /** Lines matching none of the contract's patterns (the first few), and how many there were. */
  offContract: string[];
  offContractCount: number;
  /** Messages whose key is not the line's user id. */
  wrongKeys: number;
  requests: number;
  ok: number;
  okShare: number;
  /** Views right after a successful list, and how many of them were of a recommended movie. */
  offered: number;
  taken: number;
  uptake: number;
  /** The same from the second simulated day on (the service has learnt for a day by then). */
  uptakeAfterDay1: number;
  /** Share of distinct lists among successful answers (the course's personalisation figure). */
  distinctLists: number;
}

let random: { summary: Summary; figures: Figures };
let randomServer: Server;

describe('course end to end on Kafka: prodsim run movies + example recommenders', () => {
  beforeAll(async () => {
    await expectListening(BROKERS, 'no Kafka broker: start transports/kafka/dev-broker/start.sh first');
    randomServer = await startRandomRecommender(await catalogueOf(WORLD));
    const topic = `movielog-e2e-random-${stamp}`;
    const summary = await runProdsim(urlOf(randomServer), topic);
    random = { summary, figures: analyse(await readTopic(topic, summary.events)) };
    report('random', random.summary, random.figures);
  }, 180_000);

  afterAll(async () => {
    randomServer?.closeAllConnections();
    await new Promise((r) => randomServer?.close(r) ?? r(undefined));
  });

  it('the random control run follows the contract too', () => {
    expectOnContract(random.summary, random.figures);
    expect(random.figures.taken).toBeGreaterThan(0); // its ids are real catalogue ids
  });

  it('examples/recommender-ts (fastify + kafkajs): on contract, >= 95% status 200, more uptake than random', async () => {
    const topic = `movielog-e2e-ts-${stamp}`;
    const app = await startApp({ port: 0, source: { kind: 'kafka', brokers: [BROKERS], topic } });
    let summary: Summary;
    try {
      await publishJunk(topic);
      summary = await runProdsim(app.url, topic);
      await until(() => app.recommender.stats.lines >= summary.events + JUNK.length, 30_000);
    } finally {
      await app.close();
    }
    const figures = analyse(await readTopic(topic, summary.events + JUNK.length));
    report('recommender-ts', summary, figures, app.recommender.stats);
    expectOnContract(summary, figures, JUNK.length);
    expectBetterThanRandom(figures);
    expect(app.recommender.stats.lines).toBe(summary.events + JUNK.length);
    expect(app.recommender.stats.malformed).toBe(JUNK.length); // counted and skipped
    expect(app.recommender.stats.personalised).toBeGreaterThan(0);
  }, 180_000);

  it('examples/recommender-ts --source nats: learns every line from NATS and beats random too', async () => {
    await expectListening(NATS, 'no NATS server: start transports/nats/dev-server/start.sh first');
    // Core NATS (no JetStream stream left behind); the service subscribes before the run starts.
    const team = `e2e${stamp.replace(/[^a-z0-9]/gi, '')}`;
    const topic = 'movielog1';
    const app = await startApp({ port: 0, source: { kind: 'nats', servers: [NATS], subject: `prodsim.${team}.${topic}` } });
    let summary: Summary;
    try {
      summary = await runProdsim(app.url, topic, [
        '--transport',
        'nats',
        '--set',
        `transport.options.servers=${NATS}`,
        '--set',
        'transport.options.mode=core',
        '--set',
        `transport.options.team=${team}`,
      ]);
      await until(() => app.recommender.stats.lines >= summary.events, 30_000);
    } finally {
      await app.close();
    }
    const stats = app.recommender.stats;
    const share = (x: string | number) => Number(String(x).replace('%', '')) / 100;
    console.log(
      `course e2e [recommender-ts on NATS]: ${stats.lines} lines learnt (${summary.events} published); uptake (world) ${summary.world['watches from recommendations']} vs random ${random.summary.world['watches from recommendations']}; service ${JSON.stringify(stats)}`,
    );
    expect(stats.lines).toBe(summary.events);
    expect(stats.malformed).toBe(0);
    expect(stats.requests).toBeGreaterThan(1000);
    expect(Number(summary.world['recommendation requests ok']) / stats.requests).toBeGreaterThanOrEqual(0.95);
    expect(share(summary.world['watches from recommendations'])).toBeGreaterThan(share(random.summary.world['watches from recommendations']) + 0.08);
  }, 180_000);

  it('examples/recommender-python (Flask + waitress + confluent-kafka, via setup.sh and run.sh): the same', async () => {
    await exec('bash', [join(PYTHON_EXAMPLE, 'setup.sh')], { timeout: 300_000 });
    // Its unit and Flask tests, in the venv the script made.
    const unit = await exec(join(PYTHON_EXAMPLE, '.venv/bin/python'), ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], { cwd: PYTHON_EXAMPLE });
    expect(unit.stderr).toMatch(/\nOK\s*$/);

    const topic = `movielog-e2e-python-${stamp}`;
    const port = await freePort();
    const service = spawn('bash', [join(PYTHON_EXAMPLE, 'run.sh'), '--port', String(port), '--brokers', BROKERS, '--topic', topic], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(service);
    const healthUrl = `http://127.0.0.1:${port}/health`;
    let summary: Summary;
    let health: Record<string, number | boolean> = {};
    try {
      await waitUntilReady(healthUrl, service, output);
      await publishJunk(topic);
      summary = await runProdsim(`http://127.0.0.1:${port}`, topic);
      const learnt = async () => (health = (await (await fetch(healthUrl)).json()) as Record<string, number | boolean>).lines as number;
      for (let i = 0; i < 300 && (await learnt()) < summary.events + JUNK.length; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await stop(service);
    }
    const figures = analyse(await readTopic(topic, summary.events + JUNK.length));
    report('recommender-python', summary, figures, health);
    expectOnContract(summary, figures, JUNK.length);
    expectBetterThanRandom(figures);
    expect(health.lines).toBe(summary.events + JUNK.length);
    expect(health.malformed).toBe(JUNK.length); // counted and skipped
    expect(health.stream_errors).toBe(0);
    expect(health.personalised).toBeGreaterThan(0);
  }, 420_000);
});

/** `junk`: lines the test itself put on the topic before the run (the rest are prodsim's). */
function expectOnContract(summary: Summary, f: Figures, junk = 0): void {
  expect(f.lines).toBe(summary.events + junk); // every published line came back
  expect(f.offContractCount).toBe(junk);
  expect(f.wrongKeys).toBe(0);
  expect(f.requests).toBeGreaterThan(1000);
  expect(f.okShare).toBeGreaterThanOrEqual(0.95);
}

function expectBetterThanRandom(f: Figures): void {
  expect(f.offered).toBeGreaterThan(1000);
  // Users pick the best of the list plus ~40 movies that come to mind, so even random lists are
  // taken up often (about 27% here); popular, fresh, personalised lists about 45-50%. A margin of
  // 8 points stays clear of run-to-run noise (about 2 points).
  expect(f.uptake).toBeGreaterThan(random.figures.uptake + 0.08);
  expect(f.uptakeAfterDay1).toBeGreaterThan(random.figures.uptakeAfterDay1);
}

/** What the course's grading reads from the stream: availability, personalisation, uptake. */
function analyse(messages: { key: string; value: string }[]): Figures {
  const patterns = Object.values(LINE_PATTERNS);
  const offContract: string[] = [];
  let offContractCount = 0;
  let wrongKeys = 0;
  let requests = 0;
  let ok = 0;
  const lists = new Set<string>();
  const pending = new Map<string, Set<string>>(); // user -> the list just answered
  const watching = new Map<string, string>(); // user -> movie being watched
  const uptake = { offered: 0, taken: 0, offeredLater: 0, takenLater: 0 };
  let firstDay: number | undefined;
  for (const { key, value } of messages) {
    if (!patterns.some((p) => p.test(value))) {
      offContractCount++;
      if (offContract.length < 5) offContract.push(value);
      continue;
    }
    const [time, user, rest] = splitLine(value);
    if (key !== user) wrongKeys++;
    if (rest.startsWith('recommendation request ')) {
      requests++;
      const m = /, status (\d+), result: (.*), \d+ ms$/.exec(rest)!;
      if (m[1] === '200') {
        ok++;
        lists.add(m[2]);
        pending.set(user, new Set(m[2].split(', ')));
      } else {
        pending.delete(user);
      }
      continue;
    }
    const watch = /^GET \/data\/m\/([^/]+)\//.exec(rest);
    if (!watch || watching.get(user) === watch[1]) continue;
    // A new movie: the view that follows the user's last request.
    watching.set(user, watch[1]);
    const list = pending.get(user);
    if (list === undefined) continue;
    pending.delete(user);
    const day = Math.floor(Date.parse(`${time}Z`) / DAY_MS);
    firstDay ??= day;
    const taken = list.has(watch[1]) ? 1 : 0;
    uptake.offered++;
    uptake.taken += taken;
    if (day > firstDay) {
      uptake.offeredLater++;
      uptake.takenLater += taken;
    }
  }
  return {
    lines: messages.length,
    offContract,
    offContractCount,
    wrongKeys,
    requests,
    ok,
    okShare: requests > 0 ? ok / requests : 0,
    offered: uptake.offered,
    taken: uptake.taken,
    uptake: uptake.offered > 0 ? uptake.taken / uptake.offered : 0,
    uptakeAfterDay1: uptake.offeredLater > 0 ? uptake.takenLater / uptake.offeredLater : 0,
    distinctLists: ok > 0 ? lists.size / ok : 0,
  };
}

function splitLine(line: string): [string, string, string] {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  return [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1)];
}

function report(name: string, summary: Summary, f: Figures, service?: unknown): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(
    `course e2e [${name}]: ${f.lines} lines read back (${summary.events} published), ${f.offContractCount} off contract (injected junk included); ` +
      `${f.ok}/${f.requests} requests status 200 (${pct(f.okShare)}), latency p50/p99 ${summary.predictionLatencyMs?.p50.toFixed(1)}/${summary.predictionLatencyMs?.p99.toFixed(1)} ms; run ${summary.wallSeconds.toFixed(1)} s; distinct lists ${pct(f.distinctLists)}; ` +
      `uptake ${f.taken}/${f.offered} = ${pct(f.uptake)} (after day 1: ${pct(f.uptakeAfterDay1)}; world: ${summary.world['watches from recommendations']})` +
      (service ? `; service ${JSON.stringify(service)}` : ''),
  );
}

async function runProdsim(
  predictor: string,
  topic: string,
  transport = ['--transport', 'kafka', '--set', `transport.options.brokers=${BROKERS}`],
): Promise<Summary> {
  const args = [
    join(ROOT, 'bin/prodsim.js'),
    'run',
    'movies',
    ...transport,
    '--predictor',
    predictor,
    '--seed',
    WORLD.seed,
    '--days',
    String(WORLD.days),
    '--users',
    String(WORLD.users),
    '--set',
    `movies.topic=${topic}`,
    '--no-progress',
    '--json',
  ];
  const { stdout } = await exec(process.execPath, args, { cwd: ROOT, timeout: 150_000, maxBuffer: 16 << 20 });
  return JSON.parse(stdout) as Summary;
}

/** What the course injects into the stream: lines a service must count and skip, not crash on. */
const JUNK: (string | Buffer | null)[] = [
  'garbage',
  '',
  null, // no value at all
  '{"user":5,"movie":"the+lion+king+1994"}',
  '2026-01-05T00:00:01,12,GET /data/movie/the+lion+king+1994/1.mpg', // a renamed path
  '2026-01-05T00:00:01,,GET /rate/the+lion+king+1994=4', // missing user
  '2026-01-05T00:00:01,12,GET /rate/the+lion+king+1994=five',
  Buffer.from([0xff, 0xfe, 0x00, 0x41]), // not UTF-8
];

async function publishJunk(topic: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'course-e2e-junk', brokers: [BROKERS], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: JUNK.map((value) => ({ key: 'junk', value })) });
  } finally {
    await producer.disconnect();
  }
}

/** Every message of a topic, from its start, once `expected` have arrived. */
async function readTopic(topic: string, expected: number): Promise<{ key: string; value: string }[]> {
  const kafka = new Kafka({ clientId: 'course-e2e-reader', brokers: [BROKERS], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `course-e2e-reader-${topic}` });
  const out: { key: string; value: string }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`read ${out.length} of ${expected} messages of ${topic} within 90 s`)), 90_000);
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) out.push({ key: m.key?.toString('utf8') ?? '', value: m.value?.toString('utf8') ?? '' });
          if (out.length >= expected) {
            clearTimeout(timer);
            done();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** The movie ids of the world the CLI builds from the same seed and size (for the random control). */
async function catalogueOf(world: typeof WORLD): Promise<string[]> {
  const config = s.object(runConfigFields).parse({ domain: 'movies', seed: world.seed, days: world.days, progress: false }, '');
  const domainConfig = moviesDomain.config.parse({ users: world.users }, 'movies');
  const sim = new Simulation({ config, domainConfig, plugin: moviesDomain, transport: new MemoryTransport(), outputs: [] });
  const built = (await sim.init()) as MoviesWorld;
  return built.catalogue.slugs.slice(0, built.catalogue.count);
}

/** 20 movies drawn uniformly from the catalogue, answered at once: the control arm. */
async function startRandomRecommender(movies: string[]): Promise<Server> {
  const rng = new RandomStream(`course-e2e-random\u0000${WORLD.seed}`);
  const server = createServer((_req, res) => {
    const picks = Array.from({ length: 20 }, () => movies[rng.int(movies.length)]);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(picks.join(','));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function expectListening(address: string, why: string): Promise<void> {
  const [host, port] = address.split(':');
  await new Promise<void>((done, fail) => {
    const socket = new Socket().once('connect', () => (socket.destroy(), done())).once('error', () => fail(new Error(`${address}: ${why}`)));
    socket.connect(Number(port), host);
  });
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

const execFileAsync = promisify(execFile);
function exec(file: string, args: string[], options: { cwd?: string; timeout?: number; maxBuffer?: number } = {}) {
  return execFileAsync(file, args, { encoding: 'utf8', ...options });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function collect(child: ChildProcess): { text: string } {
  const output = { text: '' };
  child.stdout?.on('data', (d: Buffer) => (output.text += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output.text += d.toString('utf8')));
  return output;
}

async function waitUntilReady(url: string, child: ChildProcess, output: { text: string }): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${output.text}`);
    const ready = await fetch(url)
      .then(async (r) => ((await r.json()) as { ready?: boolean }).ready === true)
      .catch(() => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the service did not become ready within 60 s:\n${output.text}`);
}

/** Stops the service this test started (run.sh execs python, so its pid is the service's). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
