import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CLI, ROOT, runCli } from './support/cli-e2e.js';

// The course staff's command-line tools, run as the real `prodsim` binary (compiled dist/).
describe('prodsim run --contract', () => {
  it('2026 streams 1-10 stars and counts the cost of views; 2024 is the default', async () => {
    const [c2026, c2024] = await Promise.all([
      runCli(['run', 'movies', '--contract', '2026', '--days', '1', '--users', '400', '--json', '--no-progress']).done,
      runCli(['run', 'movies', '--days', '1', '--users', '400', '--json', '--no-progress']).done,
    ]);
    expect(c2026.code, c2026.stderr).toBe(0);
    expect(c2024.code, c2024.stderr).toBe(0);
    const w2026 = JSON.parse(c2026.stdout).world;
    const w2024 = JSON.parse(c2024.stdout).world;
    expect(w2026['rating scale']).toBe('1-10');
    expect(w2026['cost of views ($)']).toBeGreaterThan(0);
    expect(w2024['rating scale']).toBe('1-5');
    expect(w2024).not.toHaveProperty('cost of views ($)');
  });

  it('refuses an unknown contract and a domain without contracts, with exit status 2', async () => {
    const [bad, toy] = await Promise.all([
      runCli(['run', 'movies', '--contract', '2025', '--days', '1']).done,
      runCli(['run', 'toy', '--contract', '2026', '--days', '1']).done,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/movies\.contract.*2025.*2024/s);
    expect(toy.code).toBe(2);
    expect(toy.stderr).toMatch(/--contract applies to movies/);
  });
});

/** Starts `prodsim ...args`; resolves `url` once stderr names the entity API, `lingering` once the span is over. */
function startLingering(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const lingering = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const url = /entity API on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url && stderr.includes('--linger')) resolve(url);
    });
    child.on('close', () => reject(new Error(`prodsim ended before lingering: ${stderr}`)));
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
  lingering.catch(() => {});
  return { child, lingering, done };
}

describe('prodsim run --linger and the entity API rate limit', () => {
  it('keeps serving the final world after the span, limits requests as configured, and ends with status 0 on Ctrl-C', async () => {
    const run = startLingering([
      'run',
      'movies',
      '--days',
      '1',
      '--users',
      '300',
      '--api-port',
      '0',
      '--linger',
      '--no-progress',
      '--json',
      '--set',
      'api.rateLimit={"max":3,"windowMs":60000}',
    ]);
    const url = await run.lingering;
    // A bulk lookup of 200 ids is one request.
    const ids = Array.from({ length: 200 }, (_, i) => i + 1).join(',');
    const bulk = await fetch(`${url}/user/${ids}`);
    expect(bulk.status).toBe(200);
    expect(((await bulk.json()) as unknown[]).length).toBe(200);
    expect((await fetch(`${url}/user/1`)).status).toBe(200);
    expect((await fetch(`${url}/user/2`)).status).toBe(200);
    const limited = await fetch(`${url}/user/3`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { message: string }).message).toContain('at most 3 requests per 60000 ms per client');
    run.child.kill('SIGINT');
    const { code, stdout } = await run.done;
    expect(code).toBe(0);
    expect(JSON.parse(stdout).reason).toBe('until');
  });

  it('refuses --linger without the entity API (exit status 2)', async () => {
    const r = await runCli(['run', 'movies', '--days', '1', '--linger']).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--linger keeps the entity API serving: give --api-port');
  });
});
