import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '@prodsim/core';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, closedPort } from '../../../test/support/cli-e2e.js';

// The compiled CLI (`npx tsc -b` first); no NATS server needed: these are the refusals before one.
const prodsim = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

const tmp = mkdtempSync(join(tmpdir(), 'prodsim-queue-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const specFile = () => {
  const dir = mkdtempSync(join(tmp, 'spec-'));
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify({ name: 'q', domain: 'toy', replications: 1, days: 1, arms: [{ name: 'a', predictor: 'random' }] }));
  return { dir, file };
};

// Each test spawns the CLI up to three times: seconds each on a loaded 2-core CI machine.
describe('prodsim worker and experiment run --queue', { timeout: 120_000 }, () => {
  it('the worker command is registered, with its help', () => {
    const help = prodsim(['--help']);
    expect(help.stdout).toMatch(/^ {2}worker {10}run experiment jobs from a NATS JetStream queue/m);
    const r = prodsim(['worker', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: prodsim worker --nats nats:\/\/host:port\[\/queue\]/);
  });

  it('refuses a worker without a queue, or with a bad one or a bad concurrency, as usage errors', () => {
    const none = prodsim(['worker']);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('prodsim: prodsim worker needs --nats nats://host:port[/queue] (see prodsim worker --help) [PRODSIM_ERR_USAGE]\n');
    expect(prodsim(['worker', '--nats', 'tcp://x']).stderr).toMatch(
      /^prodsim: --nats takes nats:\/\/host:port\[\/queue\] .*got "tcp:\/\/x" \[PRODSIM_ERR_USAGE\]/,
    );
    expect(prodsim(['worker', '--nats', 'nats://127.0.0.1:4222', '--concurrency', '0']).stderr).toMatch(/--concurrency takes a whole number >= 1, got 0/);
  });

  it('refuses --queue with --workers, and --ack-wait without --queue', () => {
    const { file } = specFile();
    const both = prodsim(['experiment', 'run', file, '--queue', 'nats://127.0.0.1:4222', '--workers', '2']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--workers and --queue exclude each other/);
    expect(prodsim(['experiment', 'run', file, '--ack-wait', '5']).stderr).toMatch(/--ack-wait goes with --queue \[PRODSIM_ERR_USAGE\]/);
    expect(prodsim(['experiment', 'run', file, '--queue', 'nats://127.0.0.1:4222', '--ack-wait', '0']).stderr).toMatch(
      /--ack-wait takes seconds from 1 to 3600, got 0/,
    );
  });

  it('names an unreachable queue server, exit status 1, no stack trace, nothing aggregated', async () => {
    const { dir, file } = specFile();
    const port = await closedPort();
    const r = prodsim(['experiment', 'run', file, '--queue', `nats://127.0.0.1:${port}`, '--out', join(dir, 'out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^prodsim: cannot reach the NATS server of queue nats://127\\.0\\.0\\.1:${port} .* \\[PRODSIM_ERR_QUEUE_UNREACHABLE\\]\\n$`),
    );
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'out', 'summary.json'))).toBe(false);
  });

  it("the example Kubernetes Deployment's worker arguments are ones prodsim worker takes; unreachable, it exits 1 by name", async () => {
    const deployment = loadConfigFile(join(ROOT, 'experiments/deploy/workers.yaml')) as {
      spec: { template: { spec: { containers: { args: string[]; resources: { requests: { cpu: string } } }[] } } };
    };
    const [container] = deployment.spec.template.spec.containers;
    const { args } = container;
    expect(args.slice(0, 2)).toEqual(['worker', '--nats']);
    // --concurrency matches the CPU request: one job per core.
    expect(args[args.indexOf('--concurrency') + 1]).toBe(container.resources.requests.cpu);
    // The same arguments, the server swapped for a closed port: the worker exits (Kubernetes restarts it).
    const port = await closedPort();
    const r = prodsim(args.map((a) => a.replace(/^nats:\/\/[^/]+/, `nats://127.0.0.1:${port}`)));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^prodsim: cannot reach the NATS server of queue nats:\/\/127\.0\.0\.1:\d+\/default .*\[PRODSIM_ERR_QUEUE_UNREACHABLE\]\n$/);
  });
});
