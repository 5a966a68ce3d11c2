import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knownLog } from '../core/src/course/log/known-logs.js';
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

describe('prodsim run: when simulated time starts', () => {
  it('a paced run starts at the wall-clock time, a fast one at the fixed default, --start fixes either', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const [paced, fast, fixed] = await Promise.all([
      runCli(['run', 'toy', '--speed', '36000', '--days', '0.01', '--json', '--no-progress']).done,
      runCli(['run', 'toy', '--days', '0.01', '--json', '--no-progress']).done,
      runCli(['run', 'toy', '--speed', '36000', '--days', '0.01', '--start', '2025-09-01T08:00:00Z', '--json', '--no-progress']).done,
    ]);
    const after = Date.now();
    for (const r of [paced, fast, fixed]) expect(r.code, r.stderr).toBe(0);
    const pacedStart = Date.parse(JSON.parse(paced.stdout).simulatedStart);
    expect(pacedStart).toBeGreaterThanOrEqual(before);
    expect(pacedStart).toBeLessThanOrEqual(after);
    expect(pacedStart % 1000).toBe(0);
    expect(JSON.parse(fast.stdout).simulatedStart).toBe('2026-01-05T00:00:00.000Z');
    expect(JSON.parse(fixed.stdout).simulatedStart).toBe('2025-09-01T08:00:00.000Z');
  });
});

describe('prodsim course report', () => {
  it('grades each team from its log: CSV and HTML with the known answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-report-'));
    writeFileSync(join(dir, 'good.log'), `${knownLog('good').join('\n')}\n`);
    writeFileSync(join(dir, 'events.flaky.log'), `${knownLog('flaky').join('\n')}\n`);
    const out = join(dir, 'report');
    const r = await runCli([
      'course',
      'report',
      '--log',
      join(dir, 'good.log'),
      '--log',
      `team02=${join(dir, 'events.flaky.log')}`,
      '--out',
      out,
      '--min-answers',
      '150',
      '--max-p99-ms',
      '600',
    ]).done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^good\s+passed\s+200 answers, availability 100\.0%, personalised 100\.0%, p99 108 ms, 1 answer changes$/m);
    expect(r.stdout).toMatch(/^team02\s+not passed\s+100 answers, availability 50\.0%/m);
    const csv = readFileSync(join(out, 'grades.csv'), 'utf8').trim().split('\n');
    expect(csv.map((row) => row.split(',')[0])).toEqual(['team', 'good', 'team02']);
    expect(csv[1]).toContain(',200,200,1.0000,1.0000,0.3000,59,104,108,1,2,yes,');
    const html = readFileSync(join(out, 'grades.html'), 'utf8');
    expect(html).toContain('data-team="team02" data-passed="false"');
    expect(html).toContain('data-team="good" data-passed="true"');
  });

  it('a window: --from and --to keep only the second day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-report-'));
    writeFileSync(join(dir, 'good.log'), `${knownLog('good').join('\n')}\n`);
    const r = await runCli(['course', 'report', '--log', join(dir, 'good.log'), '--from', '2026-01-06T00:00:00Z', '--to', '2026-01-07T00:00:00Z', '--out', dir])
      .done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^good\s+not passed\s+100 answers, .* 0 answer changes$/m);
  });

  it('bad usage exits 2 with a reason', async () => {
    const [noLog, noFile, badShare] = await Promise.all([
      runCli(['course', 'report', '--out', 'x']).done,
      runCli(['course', 'report', '--log', './no/such.log', '--out', 'x']).done,
      runCli(['course', 'report', '--log', 'movielog1', '--out', 'x', '--min-availability', '1.5']).done,
    ]);
    expect([noLog.code, noFile.code, badShare.code]).toEqual([2, 2, 2]);
    expect(noLog.stderr).toContain('--log FILE or --log TOPIC');
    expect(noFile.stderr).toContain('no such file, and not a topic name');
    expect(badShare.stderr).toMatch(/--min-availability.*1\.5/);
  });
});
