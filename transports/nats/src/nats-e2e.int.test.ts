import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, compareWithLog, e2eDomain, ROOT, runCli, sleep, until } from '../../../test/support/cli-e2e.js';
import { consumeSubject, streamMessages, untilStreamHasMessages } from '../test/consume.js';
import { parseNatsOptions, subjectFor } from './nats-options.js';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

// End-to-end through the CLI (compiled dist/: `npx tsc -b` first) against the dev server
// (transports/nats/dev-server/start.sh). The fault test starts, kills and restarts a second
// server of its own with the same scripts (127.0.0.1:14222).
const SERVERS = ['127.0.0.1:4222'];
const DEV_SERVER = resolve(ROOT, 'transports/nats/dev-server');
const tmp = mkdtempSync(join(tmpdir(), 'prodsim-nats-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('nats end to end (CLI)', () => {
  it('every event of a one-day run arrives through JetStream, in per-user order', async () => {
    const domain = await e2eDomain();
    const team = `e2e${process.pid}`;
    const topic = domain.name === 'movies' ? 'movielog1' : 'toylog';
    const out = join(tmp, `${team}.log`);
    const r = await runCli([
      'run',
      domain.name,
      '--transport',
      'nats',
      '--days',
      '1',
      '--json',
      '--no-progress',
      '--out',
      out,
      ...domain.args(topic),
      '--set',
      `transport.options.team=${team}`,
    ]).done;
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { events: number; transport: Record<string, number> };
    const lines = readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(summary.events).toBeGreaterThan(100);
    expect(lines.length).toBe(summary.events);
    expect(summary.transport.acked).toBe(summary.events);

    const options = parseNatsOptions({ team });
    const got = await consumeSubject(SERVERS, options.stream, subjectFor(options, topic), summary.events);
    expect(got.length).toBe(summary.events);
    const result = compareWithLog(got, lines);
    console.log(`nats end to end: prodsim run ${domain.name} --days 1: ${summary.events} events, ${got.length} read back, ${JSON.stringify(result)}`);
    expect(result).toEqual({ missing: 0, duplicates: 0, unknown: 0, orderViolations: 0 });
  }, 300_000);

  it('a server absent at start gives a clear error naming host and port, and exit status 1, fast', async () => {
    const port = await closedPort();
    const r = await runCli(
      ['run', 'toy', '--transport', 'nats', '--days', '1', '--no-progress', '--set', `transport.options.servers=127.0.0.1:${port}`],
      60_000,
    ).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`127.0.0.1:${port}`);
    expect(r.stderr).toContain('PRODSIM_ERR_TRANSPORT_CONNECT');
    expect(r.ms).toBeLessThan(20_000);
  }, 300_000);
});

describe('nats exactly once across a crash (CLI)', () => {
  it('SIGKILL after some checkpoints, then --resume: every event once in JetStream, in per-user order', async () => {
    const team = `resume${process.pid}`;
    const dir = join(tmp, `${team}-checkpoints`);
    const out = join(tmp, `${team}.log`);
    // Paced (a day in about 10 s, a checkpoint every simulated hour), so that it is killed mid-run
    // with events published after its newest checkpoint: the resumed run sends those again.
    const first = runCli([
      'run',
      'movies',
      '--transport',
      'nats',
      '--users',
      '3000',
      '--days',
      '1',
      '--speed',
      '8640',
      '--no-progress',
      '--out',
      out,
      '--checkpoint',
      dir,
      '--checkpoint-every',
      '1h',
      '--set',
      `transport.options.team=${team}`,
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
    // Killed only once the stream holds a message published after the newest checkpoint. A run
    // flushes before it writes a checkpoint, so what the stream holds once the checkpoint is seen
    // covers it; the run is stopped (SIGSTOP) to see that no newer checkpoint came in between.
    const stream = parseNatsOptions({ team }).stream;
    let ended = false;
    void first.done.then(() => (ended = true));
    for (;;) {
      const checkpoint = newest();
      const covered = await streamMessages(SERVERS, stream);
      while ((await streamMessages(SERVERS, stream)) <= covered) {
        if (ended) throw new Error('the run ended before it was killed');
        await sleep(20);
      }
      process.kill(first.pid!, 'SIGSTOP');
      if (newest() === checkpoint) break;
      process.kill(first.pid!, 'SIGCONT');
    }
    process.kill(first.pid!, 'SIGKILL');
    expect((await first.done).code).toBe(null);

    const r = await runCli(['run', '--resume', dir, '--json', '--no-progress']).done;
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { events: number; transport: Record<string, number> };
    const lines = readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(lines.length).toBe(summary.events);
    const options = parseNatsOptions({ team });
    const got = await consumeSubject(SERVERS, options.stream, subjectFor(options, 'movielog1'), summary.events);
    const result = compareWithLog(got, lines);
    console.log(
      `nats resume test: ${summary.events} events, ${got.length} in the stream, ${JSON.stringify(result)}; copies dropped by the stream: ${summary.transport.deduplicated}`,
    );
    expect(result).toEqual({ missing: 0, duplicates: 0, unknown: 0, orderViolations: 0 });
    expect(got.length).toBe(summary.events);
    // The resumed run did send again what the killed one had sent after its checkpoint: the stream dropped those copies.
    expect(summary.transport.deduplicated).toBeGreaterThan(0);
  }, 300_000);
});

describe('nats duplicate window and checkpoints (CLI)', () => {
  it('says so when the stream forgets message ids before the next checkpoint comes', async () => {
    const team = `window${process.pid}`;
    const run = runCli([
      'run',
      'movies',
      '--transport',
      'nats',
      '--users',
      '100',
      '--speed',
      'realtime',
      '--no-progress',
      '--checkpoint',
      join(tmp, `${team}-checkpoints`),
      '--checkpoint-every',
      '1h',
      '--set',
      `transport.options.team=${team}`,
    ]);
    await until('the warning', () => run.stderr().includes('remembers message ids for'));
    process.kill(run.pid!, 'SIGINT');
    const r = await run.done;
    expect(r.stderr).toContain(
      `nats: stream PRODSIM_${team.toUpperCase()} remembers message ids for 2.0 min, less than the 1.0 h between checkpoints at this speed`,
    );
    const nc = await connect({ servers: SERVERS });
    await (await jetstreamManager(nc)).streams.delete(`PRODSIM_${team.toUpperCase()}`);
    await nc.close();
  }, 300_000);
});

describe('nats faults (CLI, a server of its own killed and restarted)', () => {
  // Its own server (port, folder) so that killing it disturbs no other suite running in parallel.
  const env = { ...process.env, PRODSIM_NATS_PORT: '14222', PRODSIM_NATS_DIR: join(tmpdir(), `prodsim-nats-fault-${process.pid}`) };
  const servers = ['127.0.0.1:14222'];
  const script = (name: string, ...args: string[]) => execFileSync(join(DEV_SERVER, name), args, { stdio: 'inherit', env });
  beforeAll(() => script('start.sh', '--fresh'), 120_000);
  afterAll(() => script('stop.sh', '--purge'));

  it('the run completes and every event arrives; duplicates are counted', async () => {
    const team = `fault${process.pid}`;
    const out = join(tmp, `${team}.log`);
    // A paced run: one simulated day in about 10 wall seconds, so the outage falls in its middle.
    const run = runCli([
      'run',
      'toy',
      '--transport',
      'nats',
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
      `transport.options.team=${team}`,
      '--set',
      'transport.options.ackTimeout=1000',
      '--set',
      `transport.options.servers=${servers[0]}`,
    ]);
    await untilStreamHasMessages(servers, parseNatsOptions({ team }).stream); // past start-up, delivering: the outage falls in the middle of the run
    script('stop.sh', '--kill');
    await sleep(2000); // the outage itself: the broker stays down this long, then comes back
    script('start.sh');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { events: number; transport: Record<string, number> };
    expect(summary.transport.reconnects).toBeGreaterThanOrEqual(1);

    const lines = readFileSync(out, 'utf8').split('\n').slice(0, -1);
    expect(lines.length).toBe(summary.events);
    expect(new Set(lines).size).toBe(lines.length); // each event's line is its number: they must be unique
    const options = parseNatsOptions({ team });
    const got = await consumeSubject(servers, options.stream, subjectFor(options, 'toylog'), summary.events);
    const result = compareWithLog(got, lines);
    console.log(
      `nats fault test: ${summary.events} events, ${got.length} received, missing ${result.missing}, duplicates ${result.duplicates}, order violations ${result.orderViolations}; transport ${JSON.stringify(summary.transport)}`,
    );
    expect(result.missing).toBe(0);
    expect(result.unknown).toBe(0);
    expect(result.orderViolations).toBe(0);
  }, 300_000);

  it('a server that stays away fails the run within the delivery timeout: exit 1, a coded error, no hang', async () => {
    const run = runCli([
      'run',
      'toy',
      '--transport',
      'nats',
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
      `transport.options.servers=${servers[0]}`,
      '--set',
      'transport.options.deliveryTimeout=3000',
      '--set',
      'transport.options.ackTimeout=500',
      '--set',
      'transport.options.team=gone',
    ]);
    // Killed once JetStream has taken some of the run's events: the run is past start-up and delivering.
    await untilStreamHasMessages(servers, parseNatsOptions({ team: 'gone' }).stream);
    script('stop.sh', '--kill');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/prodsim: transport nats failed: .*\[PRODSIM_ERR_TRANSPORT_DELIVERY\]/);
    expect(r.ms).toBeLessThan(60_000);
    // The summary still comes, with the code, and says what the file kept and the server did not take.
    expect(r.stdout).toMatch(/stopped because\s+error: .*\[PRODSIM_ERR_TRANSPORT_DELIVERY\]/);
    const events = Number(/^events\s+([\d,]+)/m.exec(r.stdout)![1].replace(/,/g, ''));
    expect(readFileSync(join(tmp, 'gone.log'), 'utf8').split('\n').length - 1).toBe(events);
    const kept = /^kept: transport nats\s+([\d,]+) delivered, 0 held, ([\d,]+) dropped$/m.exec(r.stdout);
    expect(kept, r.stdout).not.toBeNull();
    const [delivered, dropped] = [kept![1], kept![2]].map((n) => Number(n.replace(/,/g, '')));
    expect(delivered).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
    expect(delivered + dropped).toBe(events);
  }, 300_000);

  it('Ctrl-C while the server is down: the first says what it waits for and how long, the second drops what it holds and still writes the file', async () => {
    script('start.sh', '--fresh'); // the test before left it down (killed)
    const team = `abandon${process.pid}`;
    const out = join(tmp, `${team}.log`);
    const run = runCli([
      'run',
      'toy',
      '--transport',
      'nats',
      '--users',
      '20000',
      '--days',
      '30', // far longer than the test: it ends by the two signals
      '--speed',
      '8640',
      '--no-progress',
      '--out',
      out,
      '--set',
      `transport.options.servers=${servers[0]}`,
      '--set',
      'transport.options.ackTimeout=500',
      '--set',
      `transport.options.team=${team}`,
    ]);
    await untilStreamHasMessages(servers, parseNatsOptions({ team }).stream);
    script('stop.sh', '--kill');
    await until('the run notices the server is gone', () => run.stderr().includes('nats: cannot publish to JetStream at 127.0.0.1:14222'));
    process.kill(run.pid!, 'SIGINT');
    await until('the first Ctrl-C is answered', () => run.stderr().includes('SIGINT: stopping at the next event'));
    expect(run.stderr()).toMatch(/waiting for nats to deliver the [\d,]+ events it holds \(at most 120 s while its broker does not answer\)/);
    process.kill(run.pid!, 'SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/prodsim: transport nats failed: stopped waiting for it: \d+ events it held were dropped \[PRODSIM_ERR_TRANSPORT_ABANDONED\]/);
    expect(r.ms).toBeLessThan(60_000); // far less than the 120 s the server would have been waited for
    const events = Number(/^events\s+([\d,]+)/m.exec(r.stdout)![1].replace(/,/g, ''));
    expect(readFileSync(out, 'utf8').split('\n').length - 1).toBe(events);
    const kept = /^kept: transport nats\s+([\d,]+) delivered, 0 held, ([\d,]+) dropped$/m.exec(r.stdout);
    expect(kept, r.stdout).not.toBeNull();
    const [delivered, dropped] = [kept![1], kept![2]].map((n) => Number(n.replace(/,/g, '')));
    expect(dropped).toBeGreaterThan(0);
    expect(delivered + dropped).toBe(events);
  }, 300_000);
});
