import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A media domain on the committed world model says so once on stderr, in course mode too (every
// team's world would say it: the course log says it once). Through the compiled prodsim binary.
const ROOT = join(import.meta.dirname, '..');
const prodsim = (args: string[]) =>
  new Promise<{ status: number; stderr: string }>((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin/prodsim.js'), ...args], { cwd: ROOT, env: { ...process.env, PRODSIM_PLUGINS: '' } }, (error, _stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
const count = (text: string, pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line)).length;

describe('media domains on the public world model', () => {
  it('images (a single run) and audio (a course of two teams) each warn once, naming the field to set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-public-world-'));
    writeFileSync(join(dir, 'seed'), 'an-offering-secret-of-enough-length-0123456789', { mode: 0o600 });
    writeFileSync(
      join(dir, 'course.yaml'),
      [
        'domain: audio',
        'seedFile: seed',
        'days: 0.01',
        'teams: [{ name: team01 }, { name: team02 }]',
        'audio: { users: 20, creators: 3, initialClips: 3, uploadsPerDay: 0.1, voice: "off" }',
        '',
      ].join('\n'),
    );
    const [images, audio] = await Promise.all([
      prodsim(['run', 'images', '--days', '0.01', '--users', '20', '--set', 'images.creators=3', '--set', 'images.initialImages=5', '--no-progress']),
      prodsim(['run', '--config', join(dir, 'course.yaml'), '--no-progress']),
    ]);
    expect(images.status, images.stderr).toBe(0);
    expect(count(images.stderr, /^warning: images runs on the committed public world model: .* set images\.worldModel$/)).toBe(1);
    expect(audio.status, audio.stderr).toBe(0);
    expect(count(audio.stderr, /^warning: course mode with audio on the committed public world model: every team can compute/)).toBe(1);
    expect(audio.stderr).toContain('course mode: 2 teams (team01, team02)');
  }, 60_000);
});
