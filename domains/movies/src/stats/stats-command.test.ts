import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '@prodsim/core';
import { writeMlLatest } from '../movielens/fixtures.js';
import { moviesStatsCommand } from './stats-command.js';

function io() {
  let out = '';
  const stdout = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
  return { io: { stdout, stderr: stdout, env: {} }, text: () => out };
}

describe('prodsim stats', () => {
  it('prints the side-by-side table against a MovieLens directory', async () => {
    const { io: cliIo, text } = io();
    const code = await moviesStatsCommand().run(['--against', writeMlLatest().dir, '--days', '1', '--seeds', 'a', '--users', '300'], cliIo);
    expect(code).toBe(0);
    expect(text()).toMatch(/share of 4-star ratings/);
    expect(text()).toMatch(/genre share: Drama/);
    expect(text()).toMatch(/gated figures within 20%/);
  });

  it('refuses missing or bad options with a usage error', async () => {
    const { io: cliIo } = io();
    await expect(moviesStatsCommand().run([], cliIo)).rejects.toMatchObject({ code: ErrorCodes.USAGE });
    await expect(moviesStatsCommand().run(['--against', '/x', '--days', 'soon'], cliIo)).rejects.toMatchObject({ code: ErrorCodes.USAGE });
    await expect(moviesStatsCommand().run(['--bogus'], cliIo)).rejects.toMatchObject({ code: ErrorCodes.USAGE });
  });
});
