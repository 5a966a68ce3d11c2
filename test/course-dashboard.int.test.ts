import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPage } from './support/chromium-page.js';
import { CLI, ROOT, closedPort } from './support/cli-e2e.js';

// Course staff's live dashboard, as staff open it: `prodsim run` in course mode with 3 teams
// (paced, so the run is live while the page is open), team03's prediction service down (nothing
// listens on its port); the page is loaded in Debian's headless Chromium (PRODSIM_BROKERS=1 runs
// it with the integration suites; .ci/run installs Chromium). The screenshots are kept in
// test/output/ (PRODSIM_TEST_OUTPUT overrides), for a person to look at.
const OUTPUT = process.env.PRODSIM_TEST_OUTPUT ?? resolve(ROOT, 'test/output');
const STAFF = 'staff-s3cret-dashboard';
const SIZE = { width: 1600, height: 900 };

let run: ReturnType<typeof startCourse>;
let url: string;
let page: ChromiumPage;

/** `prodsim run` with a course configuration; `url` resolves once stderr names the entity API. */
function startCourse(configFile: string) {
  const child = spawn(process.execPath, [CLI, 'run', 'movies', '--config', configFile, '--no-progress'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
  const address = new Promise<string>((resolveUrl, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const found = /entity API on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (found) resolveUrl(found);
    });
    child.on('close', () => reject(new Error(`prodsim ended before serving: ${stderr}`)));
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolveDone) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveDone({ code, stderr });
    }),
  );
  address.catch(() => {});
  return { child, address, done };
}

/** Pixels of exactly this colour (the page's flat table-cell backgrounds). */
function pixelsOf(png: PNG, [r, g, b]: number[]): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b) n++;
  return n;
}

describe('staff dashboard in headless Chromium, during a course run of 3 teams, one down', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-dashboard-'));
    const config = join(dir, 'course.json');
    writeFileSync(
      config,
      JSON.stringify({
        domain: 'movies',
        seed: 'dashboard-test-offering-secret', // course mode refuses the public default seed
        // 1 simulated hour per wall second: 5 days take 120 s, far more than the test needs (and
        // --linger keeps the dashboard up after them on a slow machine). The day starts in the
        // morning, so that every team gets requests every hour from the start.
        speed: 3600,
        start: '2026-01-05T08:00:00Z',
        days: 5,
        linger: true,
        movies: { users: 1000 },
        api: { port: 0, staffToken: STAFF },
        scenario: [{ day: 4.5, action: 'api-faults', label: 'entity API outage', params: { outage: true } }],
        teams: [
          { name: 'team01', token: 's3cret-team01' },
          { name: 'team02', token: 's3cret-team02' },
          { name: 'team03', token: 's3cret-team03', predictor: `http://127.0.0.1:${await closedPort()}` },
        ],
      }),
    );
    run = startCourse(config);
    url = await run.address;
    page = await ChromiumPage.open(SIZE);
    mkdirSync(OUTPUT, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await page?.close();
    run?.child.kill('SIGINT');
    await run?.done;
  });

  it('shows every team live (server-sent events), team03 down with its failure text, and what is coming', async () => {
    await page.goto(`${url}/staff?token=${STAFF}`);
    // Live: the page's own script has redrawn the table from the event stream, and the simulated
    // time it shows has moved on since the first redraw, with requests seen for every team.
    await page.waitFor(`Number(document.body.dataset.updates) >= 1`, 30_000);
    const firstNow = await page.evaluate<string>(`document.getElementById('now').textContent`);
    await page.waitFor(
      `document.getElementById('now').textContent !== ${JSON.stringify(firstNow)} &&
       [...document.querySelectorAll('#teams tr')].every((tr) => Number(tr.children[5].textContent) > 0)`,
      60_000,
    );
    const rows = await page.evaluate<{ team: string; state: string; shown: string; failure: string; availability: string }[]>(
      `[...document.querySelectorAll('#teams tr')].map((tr) => ({ team: tr.dataset.team, state: tr.dataset.state,
        shown: tr.querySelector('td.state').textContent, failure: tr.querySelector('td.failure').textContent,
        availability: tr.querySelector('td.availability-hour').textContent }))`,
    );
    expect(rows.map((r) => r.team)).toEqual(['team01', 'team02', 'team03']);
    expect(rows.map((r) => r.shown)).toEqual(['ok', 'ok', 'down']);
    expect(rows[2].availability).toBe('0.0%');
    expect(rows[2].failure).toMatch(/status 0: connection refused to 127\.0\.0\.1:\d+$/);
    expect(rows[0].failure).toBe('');
    const timeline = await page.evaluate<string[]>(`[...document.querySelectorAll('#timeline li.coming')].map((li) => li.textContent)`);
    expect(timeline).toEqual([expect.stringMatching(/entity API outage \(coming\)$/)]);

    const shot = await page.screenshot();
    writeFileSync(join(OUTPUT, 'staff-dashboard.png'), shot);
    const png = PNG.sync.read(shot);
    expect([png.width, png.height]).toEqual([SIZE.width, SIZE.height]);
    // The down team's state cell is drawn in the page's red (#a31515), the two others in green (#17643a).
    expect(pixelsOf(png, [0xa3, 0x15, 0x15])).toBeGreaterThan(400);
    expect(pixelsOf(png, [0x17, 0x64, 0x3a])).toBeGreaterThan(800);
  }, 120_000);

  it("a team's page plots its history per simulated hour and lists its failures", async () => {
    await page.goto(`${url}/staff/team/team03?token=${STAFF}`);
    await page.waitFor(`Number(document.body.dataset.updates) >= 1`, 30_000);
    const charts = await page.evaluate<{ metric: string; points: number }[]>(
      `[...document.querySelectorAll('#charts svg')].map((svg) => ({ metric: svg.dataset.metric,
        points: svg.querySelector('polyline').getAttribute('points').split(' ').filter(Boolean).length }))`,
    );
    expect(charts.map((c) => c.metric)).toEqual(['availability', 'personalised', 'uptake', 'latencyP50', 'latencyP99', 'requests']);
    // Hours with requests, all failed: availability and requests are plotted, shares of answers are not.
    expect(charts.find((c) => c.metric === 'availability')!.points).toBeGreaterThan(1);
    expect(charts.find((c) => c.metric === 'requests')!.points).toBeGreaterThan(1);
    expect(charts.find((c) => c.metric === 'personalised')!.points).toBe(0);
    const failures = await page.evaluate<string[]>(`[...document.querySelectorAll('#failures li')].map((li) => li.textContent)`);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(f).toMatch(/status 0, \d+ ms: connection refused/);
    writeFileSync(join(OUTPUT, 'staff-team03.png'), await page.screenshot());
  }, 60_000);
});
