import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository root (the CLI runs from the compiled dist/, so `npx tsc -b` must have run). */
export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = resolve(ROOT, 'bin/prodsim.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `prodsim ...args` as a child process; kills it after `timeoutMs` (a test must never hang). */
export function runCli(args: string[], timeoutMs = 240_000): { done: Promise<CliResult>; pid: number | undefined; stderr: () => string } {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<CliResult>((res) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
  // stderr so far: a test waits on what the run has said (a condition) before it acts.
  return { done, pid: child.pid, stderr: () => stderr };
}

/** Resolves once `test()` holds, checking every 100 ms; fails after `timeoutMs` naming `what`. */
export async function until(what: string, test: () => boolean, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** The domain the end-to-end runs use: movies when this build registers it, else the toy domain. */
export async function e2eDomain(): Promise<{ name: 'movies' | 'toy'; args: (topic: string) => string[] }> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'domains'], { cwd: ROOT });
  if (/^\s+movies\//m.test(stdout)) return { name: 'movies', args: (topic) => ['--set', `movies.topic=${topic}`] };
  return { name: 'toy', args: (topic) => ['--users', '5000', '--set', `toy.topic=${topic}`] };
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Keyed {
  key: string | null;
  value: string;
}

/**
 * Compares what a consumer received with the run's `--out` file (every event in emit order; its
 * line number is the event's number): counts missing and duplicated events, and per-key order
 * violations (an event of a key arriving before an earlier event of the same key).
 */
export function compareWithLog(got: Keyed[], lines: string[]): { missing: number; duplicates: number; unknown: number; orderViolations: number } {
  const positions = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const list = positions.get(line);
    if (list) list.push(i);
    else positions.set(line, [i]);
  });
  const seen = new Uint8Array(lines.length);
  const nextOccurrence = new Map<string, number>();
  const lastByKey = new Map<string | null, number>();
  let duplicates = 0;
  let unknown = 0;
  let orderViolations = 0;
  for (const m of got) {
    const list = positions.get(m.value);
    if (!list) {
      unknown++;
      continue;
    }
    const k = nextOccurrence.get(m.value) ?? 0;
    if (k >= list.length) {
      duplicates++;
      continue;
    }
    nextOccurrence.set(m.value, k + 1);
    const pos = list[k];
    seen[pos] = 1;
    const last = lastByKey.get(m.key) ?? -1;
    if (pos < last) orderViolations++;
    lastByKey.set(m.key, Math.max(pos, last));
  }
  let missing = 0;
  for (let i = 0; i < seen.length; i++) if (seen[i] === 0) missing++;
  return { missing, duplicates, unknown, orderViolations };
}

/** Waits until the run's `--out` file has content: the run is past start-up and publishing. */
export async function waitForOutput(path: string, timeoutMs = 120_000): Promise<void> {
  const { statSync } = await import('node:fs');
  const started = Date.now();
  for (;;) {
    try {
      if (statSync(path).size > 0) return;
    } catch {
      // not created yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`the run wrote nothing to ${path} within ${timeoutMs} ms`);
    await sleep(100);
  }
}
