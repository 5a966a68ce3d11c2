import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, compareWithLog, e2eDomain, ROOT, runCli, sleep, waitForOutput } from '../../../test/support/cli-e2e.js';
import { consumeTopic } from '../test/consume.js';

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

describe('kafka faults (CLI, a broker of its own killed and restarted)', () => {
  // Its own broker (port, folder) so that killing it disturbs no other suite running in parallel.
  const env = { ...process.env, PRODSIM_KAFKA_PORT: '19092', PRODSIM_KAFKA_DIR: join(tmpdir(), `prodsim-kafka-fault-${process.pid}`) };
  const brokers = ['127.0.0.1:19092'];
  const script = (name: string, ...args: string[]) => execFileSync(join(DEV_BROKER, name), args, { stdio: 'inherit', env });
  beforeAll(() => script('start.sh', '--fresh'), 180_000);
  afterAll(() => script('stop.sh', '--purge'));

  it('the run completes and every event arrives; duplicates are counted', async () => {
    const topic = `fault-${process.pid}-${Date.now().toString(36)}`;
    const out = join(tmp, `${topic}.log`);
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
    await waitForOutput(out); // past start-up, publishing: the outage falls in the middle of the run
    await sleep(1500);
    script('stop.sh', '--kill');
    await sleep(2000);
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
    await waitForOutput(join(tmp, 'gone.log'));
    await sleep(1000);
    script('stop.sh', '--kill');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('PRODSIM_ERR_TRANSPORT_DELIVERY');
    expect(r.ms).toBeLessThan(60_000);
  }, 300_000);
});
