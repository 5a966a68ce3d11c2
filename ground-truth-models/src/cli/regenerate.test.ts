import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImageWorld } from '../worlds/image-world.js';
import { main } from './regenerate.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'gtm-regen-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('regenerate CLI', () => {
  it('writes the same files for the same secret from --seed, --seed-env and --seed-file, and a manifest', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const [a, b, c] = [tmp(), tmp(), tmp()];
    expect(main(['--seed', 'team-secret', '--out', a, '--only', 'image'])).toBe(0);
    process.env.GTM_TEST_SEED = 'team-secret';
    expect(main(['--seed-env', 'GTM_TEST_SEED', '--out', b, '--only', 'image'])).toBe(0);
    delete process.env.GTM_TEST_SEED;
    writeFileSync(path.join(c, 'seed.txt'), 'team-secret\n');
    expect(main(['--seed-file', path.join(c, 'seed.txt'), '--out', c, '--only', 'image'])).toBe(0);
    const bytes = [a, b, c].map((d) => readFileSync(path.join(d, 'image-world-v1.onnx')));
    expect(bytes[0].equals(bytes[1]) && bytes[0].equals(bytes[2])).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(a, 'worlds-image.json'), 'utf8'));
    expect(manifest).toEqual([{ file: 'image-world-v1.onnx', bytes: bytes[0].length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(JSON.stringify(manifest)).not.toContain('team-secret');
    // The regenerated model loads as an image world.
    const world = await ImageWorld.load({ model: path.join(a, 'image-world-v1.onnx') });
    await world.close();
  });

  it('refuses ambiguous or missing seeds and unknown options with a usage error', () => {
    const usage = expect.objectContaining({ code: 'PRODSIM_ERR_USAGE' });
    expect(() => main(['--out', tmp()])).toThrow(usage);
    expect(() => main(['--seed', 'a', '--default'])).toThrow(usage);
    expect(() => main(['--seed', 'a'])).toThrow(usage);
    expect(() => main(['--seed', 'a', '--out', tmp(), '--only', 'video'])).toThrow(usage);
    expect(() => main(['--seed-env', 'GTM_TEST_UNSET_VARIABLE', '--out', tmp()])).toThrow(usage);
    expect(() => main(['--bogus'])).toThrow(usage);
  });
});
