import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armStyles } from './palette.js';
import { renderReport } from './render-report.js';
import { syntheticReportInput } from './synthetic-input.js';

/**
 * Opens a report in Debian's headless Chromium, screenshots it, and checks from the pixels that
 * the charts were drawn: every arm's colour covers many pixels across many charts, and so do the
 * translucent confidence bands. Runs with the integration suites (PRODSIM_BROKERS=1).
 */
const CHROMIUM = process.env.PRODSIM_CHROMIUM ?? '/usr/bin/chromium';
const WIDTH = 1400;
const HEIGHT = 4200;

function run(file: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} failed: ${error.message}\n${stderr.slice(-2000)}`));
      else resolve({ stdout, stderr });
    });
  });
}

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** Pixels within `tolerance` of a colour, and in how many 100-px-high strips of the page they occur. */
function coverage(png: PNG, rgb: number[], tolerance: number): { pixels: number; strips: number } {
  let pixels = 0;
  const strips = new Set<number>();
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i] - rgb[0]) <= tolerance && Math.abs(png.data[i + 1] - rgb[1]) <= tolerance && Math.abs(png.data[i + 2] - rgb[2]) <= tolerance) {
        pixels++;
        strips.add(Math.floor(y / 100));
      }
    }
  }
  return { pixels, strips: strips.size };
}

describe('experiment report in headless Chromium', () => {
  let dir: string;
  let png: PNG;
  const input = syntheticReportInput({ arms: ['random', 'popularity', 'personalised', '<script>alert(1)</script>'], days: 30, replications: 5 });
  const styles = armStyles(input.arms);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: install Debian's with "apt-get update && apt-get install -y chromium" (or set PRODSIM_CHROMIUM)`);
    }
    dir = await mkdtemp(join(tmpdir(), 'prodsim-report-'));
    const html = join(dir, 'report.html');
    const shot = join(dir, 'report.png');
    await writeFile(html, renderReport(input));
    await run(CHROMIUM, [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      // Screenshot pixels in plain sRGB, so that they can be compared with the palette.
      '--force-color-profile=srgb',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--screenshot=${shot}`,
      `--window-size=${WIDTH},${HEIGHT}`,
      pathToFileURL(html).href,
    ]);
    png = PNG.sync.read(await readFile(shot));
    // To look at it: PRODSIM_REPORT_SCREENSHOT=/tmp/report.png PRODSIM_BROKERS=1 npx vitest run experiments/src/report
    if (process.env.PRODSIM_REPORT_SCREENSHOT) await copyFile(shot, process.env.PRODSIM_REPORT_SCREENSHOT);
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('takes a full-size screenshot that is not a blank page', () => {
    expect([png.width, png.height]).toEqual([WIDTH, HEIGHT]);
    const white = coverage(png, [255, 255, 255], 0).pixels;
    expect(white / (WIDTH * HEIGHT)).toBeLessThan(0.95);
    // Text and axes: near-black pixels all down the page.
    const dark = coverage(png, [40, 40, 40], 40);
    expect(dark.pixels).toBeGreaterThan(20_000);
    expect(dark.strips).toBeGreaterThan(15);
  });

  it.each(styles.map((s) => [s.arm, s.colour]))('draws arm %s (%s) in many charts', (_arm, colour) => {
    // The legend swatch alone is well under 100 pixels in one strip: these counts need the charts.
    const line = coverage(png, hex(colour), 24);
    expect(line.pixels).toBeGreaterThan(10_000);
    expect(line.strips).toBeGreaterThanOrEqual(8);
  });

  it.each(styles.map((s) => [s.arm, s.colour]))('shades the 95%% band of arm %s (%s)', (_arm, colour) => {
    // A band is the arm colour at 20% over white.
    const band = hex(colour).map((c) => Math.round(0.2 * c + 0.8 * 255));
    const shaded = coverage(png, band, 6);
    expect(shaded.pixels).toBeGreaterThan(5_000);
    expect(shaded.strips).toBeGreaterThanOrEqual(6);
  });
});
