import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// These tests run the real `prodsim` binary (the compiled dist/ that `npm test` builds first).
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/prodsim.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'prodsim-cli-'));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function prodsim(args: string[], options: { onSpawn?: (child: ReturnType<typeof spawn>) => void; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.onSpawn?.(child);
  });
}

/** Resolves once `condition` holds, checking every 20 ms. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

describe('prodsim CLI', () => {
  it('same seed gives the same event log byte for byte; another seed a different one', async () => {
    const dir = tmp();
    const args = (seed: string, file: string) => ['run', 'toy', '--days', '2', '--users', '300', '--seed', seed, '--out', join(dir, file)];
    const [a, b, c] = await Promise.all([prodsim(args('11', 'a.log')), prodsim(args('11', 'b.log')), prodsim(args('12', 'c.log'))]);
    for (const r of [a, b, c]) expect(r.code, r.stderr).toBe(0);
    const logA = readFileSync(join(dir, 'a.log'));
    expect(logA.length).toBeGreaterThan(10_000);
    expect(readFileSync(join(dir, 'b.log')).equals(logA)).toBe(true);
    expect(readFileSync(join(dir, 'c.log')).equals(logA)).toBe(false);
    const events = Number(/^events\s+([\d,]+)/m.exec(a.stdout)![1].replace(/,/g, ''));
    expect(logA.toString().split('\n').length - 1).toBe(events);
  });

  it('a bad flag value gives the specific error and exit status 2', async () => {
    const r = await prodsim(['run', 'toy', '--days', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid configuration: days = "many"; allowed: a number >= 0 <= 36500 [PRODSIM_ERR_CONFIG_INVALID]');
  });

  it('a bad configuration file names the field, value and what is allowed', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'run.yaml'), 'domain: toy\nspeed: warp\ntoy:\n  users: 0\n');
    const r = await prodsim(['run', '--config', join(dir, 'run.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('speed = "warp"; allowed: "fast", "realtime", or a number > 0');
    writeFileSync(join(dir, 'run.yaml'), 'domain: toy\ntoy:\n  users: 0\n');
    const r2 = await prodsim(['run', '--config', join(dir, 'run.yaml')]);
    expect(r2.stderr).toContain('toy.users = 0; allowed: an integer >= 1 <= 10000000');
    writeFileSync(join(dir, 'run.yaml'), 'domain: toy\ntoy:\n  userz: 5\n');
    const r3 = await prodsim(['run', '--config', join(dir, 'run.yaml')]);
    expect(r3.stderr).toContain('toy.userz = 5; allowed: no such field; known fields: users, items, sessionsPerDay, topic');
    const r4 = await prodsim(['run', 'toy', '--config', join(dir, 'missing.yaml')]);
    expect(r4.code).toBe(2);
    expect(r4.stderr).toMatch(/cannot read configuration file .*missing.yaml.*\[PRODSIM_ERR_CONFIG_FILE\]/);
  });

  it('environment variables configure a run, and flags override them', async () => {
    const r = await prodsim(['run', 'toy', '--users', '50', '--json'], { env: { PRODSIM_DAYS: '1', PRODSIM_SEED: '5' } });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.seed).toBe('5');
    expect(summary.simulatedDays).toBe(1);
    expect(summary.world.users).toBe(50);
  });

  it('unknown domains, transports and commands are usage errors', async () => {
    expect((await prodsim(['run', 'nope'])).stderr).toMatch(/unknown domain "nope"; registered: .*toy\/v1/);
    expect((await prodsim(['run', 'toy', '--transport', 'carrier-pigeon'])).code).toBe(2);
    expect((await prodsim(['frobnicate'])).code).toBe(2);
    expect((await prodsim(['run', 'toy', '--bogus'])).stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('--help works on every command', async () => {
    for (const args of [['--help'], ['run', '--help'], ['domains', '--help']]) {
      const r = await prodsim(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: prodsim/);
    }
    expect((await prodsim(['domains'])).stdout).toMatch(/toy\/v1[\s\S]*memory/);
  });

  it('SIGINT stops a paced run cleanly: the event file is flushed and the summary printed', async () => {
    const dir = tmp();
    const out = join(dir, 'events.log');
    let child!: ReturnType<typeof spawn>;
    const running = prodsim(['run', 'toy', '--speed', '7200', '--days', '30', '--users', '20000', '--out', out], { onSpawn: (c) => (child = c) });
    // Interrupt once the run is under way: the event file has its first batch of lines.
    await until(() => existsSync(out) && statSync(out).size > 0);
    child.kill('SIGINT');
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('SIGINT received: stopped, transport flushed.');
    expect(r.stdout).toMatch(/stopped because\s+stopped/);
    const events = Number(/^events\s+([\d,]+)/m.exec(r.stdout)![1].replace(/,/g, ''));
    expect(events).toBeGreaterThan(0);
    expect(readFileSync(out, 'utf8').split('\n').length - 1).toBe(events);
    expect(r.stdout).toMatch(/lag behind wall clock/);
  });
});
