import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, compareWithLog, e2eDomain, ROOT, runCli, sleep, until } from '../../../test/support/cli-e2e.js';
import { consumeTopic, untilTopicHasMessages } from '../test/consume.js';

// End-to-end through the CLI (compiled dist/: `npx tsc -b` first) against the dev broker
// (transports/kafka/dev-broker/start.sh). The fault test starts, kills and restarts a second
// broker of its own with the same scripts (127.0.0.1:19092).
const BROKERS = ['127.0.0.1:9092'];
const DEV_BROKER = resolve(ROOT, 'transports/kafka/dev-broker');
const tmp = mkdtempSync(join(tmpdir(), 'prodsim-kafka-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function hasKcat(): boolean {
  try {
    execFileSync('kcat', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('kafka end to end (CLI)', () => {
  it('every event of a one-day run arrives, in per-user order (kafkajs consumer, and kcat where installed)', async () => {
    const domain = await e2eDomain();
    const topic = `${domain.name === 'movies' ? 'movielog' : 'toylog'}-e2e-${process.pid}-${Date.now().toString(36)}`;
    const out = join(tmp, `${topic}.log`);
    const run = runCli([
      'run',
      domain.name,
      '--transport',
      'kafka',
      '--days',
      '1',
      '--json',
      '--no-progress',
      '--out',
      out,
      ...domain.args(topic),
      '--set',
      'transport.options.partitions=3',
    ]);
    const r = await run.done;
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { events: number; transport: Record<string, number> };
    const lines = readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(summary.events).toBeGreaterThan(100);
    expect(lines.length).toBe(summary.events);
    expect(summary.transport.delivered).toBe(summary.events);

    const got = await consumeTopic(BROKERS, topic, summary.events);
    expect(got.length).toBe(summary.events);
    const result = compareWithLog(got, lines);
    console.log(`kafka end to end: prodsim run ${domain.name} --days 1: ${summary.events} events, ${got.length} read back, ${JSON.stringify(result)}`);
    expect(result).toEqual({ missing: 0, duplicates: 0, unknown: 0, orderViolations: 0 });

    if (hasKcat()) {
      const { stdout } = await promisify(execFile)('kcat', ['-b', BROKERS[0], '-t', topic, '-C', '-e', '-o', 'beginning', '-q', '-f', '%s\n'], {
        maxBuffer: 1 << 30,
      });
      expect(stdout.split('\n').slice(0, -1).length).toBe(summary.events);
    }
  }, 300_000);

  it('a broker absent at start gives a clear error naming host and port, and exit status 1, fast', async () => {
    const port = await closedPort();
    const r = await runCli(
      ['run', 'toy', '--transport', 'kafka', '--days', '1', '--no-progress', '--set', `transport.options.brokers=127.0.0.1:${port}`],
      60_000,
    ).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
    expect(r.stderr).toContain('PRODSIM_ERR_TRANSPORT_CONNECT');
    expect(r.ms).toBeLessThan(20_000);
  }, 300_000);
});

describe('kafka exactly once across a crash (CLI)', () => {
  it('SIGKILL after some checkpoints, then --resume: a read_committed consumer reads the --out log exactly', async () => {
    const topic = `resume-${process.pid}-${Date.now().toString(36)}`;
    const dir = join(tmp, `${topic}-checkpoints`);
    const out = join(tmp, `${topic}.log`);
    // Fast forward, a checkpoint every simulated hour (a few a second), and transactions committed
    // every 20 ms or 2,500 events (5 buffers of 500; a simulated hour has about 3,500): killed
    // mid-run, the run has usually committed events after its newest checkpoint (the resumed run
    // must not send them again) and sent some it never committed (aborted, then sent again).
    const first = runCli([
      'run',
      'movies',
      '--transport',
      'kafka',
      '--users',
      '2000',
      '--days',
      '1',
      '--no-progress',
      '--out',
      out,
      '--checkpoint',
      dir,
      '--checkpoint-every',
      '1h',
      '--set',
      `movies.topic=${topic}`,
      '--set',
      'transport.options.transactionMs=20',
      '--set',
      'transport.options.maxBufferedMessages=500',
      '--set',
      'transport.options.batchMessages=100',
    ]);
    // The newest checkpoint's number (older ones are pruned).
    const newest = () => {
      try {
        return Math.max(0, ...readdirSync(join(dir, 'world')).map((f) => Number(/^(\d+)\.prodsim$/.exec(f)?.[1] ?? 0)));
      } catch {
        return 0;
      }
    };
    await until('three checkpoints written', () => newest() >= 3);
    process.kill(first.pid!, 'SIGKILL');
    expect((await first.done).code).toBe(null);

    const r = await runCli(['run', '--resume', dir, '--json', '--no-progress']).done;
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { events: number; transport: Record<string, number> };
    const lines = readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(lines.length).toBe(summary.events);
    const got = await consumeTopic(BROKERS, topic, summary.events);
    const result = compareWithLog(got, lines);
    console.log(
      `kafka resume test: ${summary.events} events, ${got.length} read committed, ${JSON.stringify(result)}; resumed run: ${summary.transport.alreadyCommitted} already committed (not sent again), ${summary.transport.transactions} transactions`,
    );
    expect(result).toEqual({ missing: 0, duplicates: 0, unknown: 0, orderViolations: 0 });
    // One topic of one partition: what a read_committed consumer reads is the --out log, line for line.
    expect(got.map((m) => m.value)).toEqual(lines);
  }, 120_000);
});

describe('kafka faults (CLI, a broker of its own killed and restarted)', () => {
  // Its own broker (port, folder) so that killing it disturbs no other suite running in parallel.
  const env = { ...process.env, PRODSIM_KAFKA_PORT: '19092', PRODSIM_KAFKA_DIR: join(tmpdir(), `prodsim-kafka-fault-${process.pid}`) };
  const brokers = ['127.0.0.1:19092'];
  const script = (name: string, ...args: string[]) => execFileSync(join(DEV_BROKER, name), args, { stdio: 'inherit', env });
  beforeAll(() => script('start.sh', '--fresh'), 180_000);
  afterAll(() => script('stop.sh', '--purge'));

  it('the run completes and every event arrives, duplicates counted; a checkpointed run beside it (in transactions) is read exactly once', async () => {
    const topic = `fault-${process.pid}-${Date.now().toString(36)}`;
    const out = join(tmp, `${topic}.log`);
    // Through the same outage, a run with --checkpoint: the transaction open when the broker died
    // is aborted and sent again whole, so a read_committed consumer reads its --out log exactly.
    const txTopic = `fault-tx-${process.pid}-${Date.now().toString(36)}`;
    const txOut = join(tmp, `${txTopic}.log`);
    const txRun = runCli([
      'run',
      'movies',
      '--transport',
      'kafka',
      '--users',
      '1000',
      '--days',
      '1',
      '--speed',
      '8640',
      '--json',
      '--no-progress',
      '--out',
      txOut,
      '--checkpoint',
      join(tmp, `${txTopic}-checkpoints`),
      '--checkpoint-every',
      '1h',
      '--set',
      `movies.topic=${txTopic}`,
      '--set',
      `transport.options.brokers=${brokers[0]}`,
      '--set',
      'transport.options.transactionMs=200', // its first events are visible sooner: the outage starts sooner
    ]);
    // A paced run: one simulated day in about 10 wall seconds, so the outage falls in its middle.
    const run = runCli([
      'run',
      'toy',
      '--transport',
      'kafka',
      '--users',
      '20000',
      '--days',
      '1',
      '--speed',
      '8640',
      '--json',
      '--no-progress',
      '--out',
      out,
      '--set',
      `toy.topic=${topic}`,
      '--set',
      `transport.options.brokers=${brokers[0]}`,
    ]);
    await untilTopicHasMessages(brokers, topic); // past start-up, delivering: the outage falls in the middle of the run
    await untilTopicHasMessages(brokers, txTopic);
    script('stop.sh', '--kill');
    await sleep(2000); // the outage itself: the broker stays down this long, then comes back
    script('start.sh');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { events: number; transport: Record<string, number> };
    expect(summary.transport.outages).toBeGreaterThanOrEqual(1);
    expect(r.stderr).toMatch(/cannot deliver to 127\.0\.0\.1:19092/);
    expect(r.stderr).toMatch(/delivery to 127\.0\.0\.1:19092 resumed/);

    const lines = readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(lines.length).toBe(summary.events);
    expect(new Set(lines).size).toBe(lines.length); // each event's line is its number: they must be unique
    const got = await consumeTopic(brokers, topic, summary.events);
    const result = compareWithLog(got, lines);
    console.log(
      `kafka fault test: ${summary.events} events, ${got.length} received, missing ${result.missing}, duplicates ${result.duplicates}, order violations ${result.orderViolations}; transport ${JSON.stringify(summary.transport)}`,
    );
    expect(result.missing).toBe(0);
    expect(result.unknown).toBe(0);
    expect(result.orderViolations).toBe(0);

    const tx = await txRun.done;
    expect(tx.code, tx.stderr).toBe(0);
    const txSummary = JSON.parse(tx.stdout) as { events: number; transport: Record<string, number> };
    expect(txSummary.transport.outages).toBeGreaterThanOrEqual(1);
    const txLines = readFileSync(txOut, 'utf8').split('\n').slice(0, -1);
    expect(txLines.length).toBe(txSummary.events);
    const txGot = await consumeTopic(brokers, txTopic, txSummary.events);
    console.log(
      `kafka fault test in transactions: ${txSummary.events} events, ${txGot.length} read committed; transport ${JSON.stringify(txSummary.transport)}`,
    );
    expect(compareWithLog(txGot, txLines)).toEqual({ missing: 0, duplicates: 0, unknown: 0, orderViolations: 0 });
    expect(txGot.map((m) => m.value)).toEqual(txLines);
  }, 300_000);

  it('a broker that stays away fails the run within the delivery timeout: exit 1, a coded error, no hang', async () => {
    const run = runCli([
      'run',
      'toy',
      '--transport',
      'kafka',
      '--users',
      '20000',
      '--days',
      '1',
      '--speed',
      '8640',
      '--no-progress',
      '--out',
      join(tmp, 'gone.log'),
      '--set',
      'toy.topic=gone',
      '--set',
      `transport.options.brokers=${brokers[0]}`,
      '--set',
      'transport.options.deliveryTimeout=3000',
    ]);
    // Killed once the broker has taken some of the run's events: the run is past start-up and delivering.
    await untilTopicHasMessages(brokers, 'gone');
    script('stop.sh', '--kill');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /prodsim: transport kafka failed: could not deliver \d+ events to Kafka broker 127\.0\.0\.1:19092 .*\[PRODSIM_ERR_TRANSPORT_DELIVERY\]/,
    );
    expect(r.ms).toBeLessThan(60_000);
    // The summary still comes, with the code, and says what the file kept and the broker did not take.
    expect(r.stdout).toMatch(/stopped because\s+error: could not deliver .*\[PRODSIM_ERR_TRANSPORT_DELIVERY\]/);
    const events = Number(/^events\s+([\d,]+)/m.exec(r.stdout)![1].replace(/,/g, ''));
    expect(readFileSync(join(tmp, 'gone.log'), 'utf8').split('\n').length - 1).toBe(events);
    const kept = /^kept: transport kafka\s+([\d,]+) delivered, 0 held, ([\d,]+) dropped$/m.exec(r.stdout);
    expect(kept, r.stdout).not.toBeNull();
    const [delivered, dropped] = [kept![1], kept![2]].map((n) => Number(n.replace(/,/g, '')));
    expect(delivered).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
    expect(delivered + dropped).toBe(events);
    expect(r.stdout).toMatch(new RegExp(`^kept: event file .*gone\\.log\\s+${events.toLocaleString('en-US')} delivered, 0 held, 0 dropped$`, 'm'));
  }, 300_000);

  it('Ctrl-C while the broker is down: the first says what it waits for and how long, the second drops what it holds and still writes the file', async () => {
    script('start.sh', '--fresh'); // the test before left it down (killed): a clean one, as the suite's first test has
    const topic = `abandon-${process.pid}-${Date.now().toString(36)}`;
    const out = join(tmp, `${topic}.log`);
    const run = runCli([
      'run',
      'toy',
      '--transport',
      'kafka',
      '--users',
      '20000',
      '--days',
      '30', // far longer than the test: it ends by the two signals, whenever the broker went down
      '--speed',
      '8640',
      '--no-progress',
      '--out',
      out,
      '--set',
      `toy.topic=${topic}`,
      '--set',
      `transport.options.brokers=${brokers[0]}`,
      '--set',
      'transport.options.deliveryTimeout=120000',
    ]);
    await untilTopicHasMessages(brokers, topic).catch((error: Error) => {
      throw new Error(`${error.message}; the run said: ${run.stderr()}`);
    });
    script('stop.sh', '--kill');
    await until('the run notices the broker is gone', () => run.stderr().includes('kafka: cannot deliver to 127.0.0.1:19092'));
    process.kill(run.pid!, 'SIGINT');
    await until('the first Ctrl-C is answered', () => run.stderr().includes('SIGINT: stopping at the next event'));
    expect(run.stderr()).toMatch(/waiting for kafka to deliver the [\d,]+ events it holds \(at most 120 s while its broker does not answer\)\. Ctrl-C again/);
    process.kill(run.pid!, 'SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/SIGINT again: no longer waiting for the transport; dropping the [\d,]+ events it holds/);
    expect(r.stderr).toMatch(/prodsim: transport kafka failed: stopped waiting for it: \d+ events it held were dropped \[PRODSIM_ERR_TRANSPORT_ABANDONED\]/);
    // Far less than the 120 s the broker would have been waited for.
    expect(r.ms).toBeLessThan(60_000);
    const events = Number(/^events\s+([\d,]+)/m.exec(r.stdout)![1].replace(/,/g, ''));
    expect(readFileSync(out, 'utf8').split('\n').length - 1).toBe(events);
    const kept = /^kept: transport kafka\s+([\d,]+) delivered, 0 held, ([\d,]+) dropped$/m.exec(r.stdout);
    expect(kept, r.stdout).not.toBeNull();
    const [delivered, dropped] = [kept![1], kept![2]].map((n) => Number(n.replace(/,/g, '')));
    expect(dropped).toBeGreaterThan(0);
    expect(delivered + dropped).toBe(events);
    expect(r.stdout).toMatch(/stopped because\s+stopped/);
  }, 300_000);
});
