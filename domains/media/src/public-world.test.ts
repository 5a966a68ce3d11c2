import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPublicWorld, publicWorldWarning } from './public-world.js';

describe('the public world model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prodsim-public-world-'));
  const committed = join(dir, 'committed.onnx');
  writeFileSync(committed, 'the committed model bytes');

  it('is the one used when worldModel is unset, named, or copied; a regenerated one is not', () => {
    expect(isPublicWorld(undefined, committed)).toBe(true);
    expect(isPublicWorld(committed, committed)).toBe(true);
    const copy = join(dir, 'copy.onnx');
    copyFileSync(committed, copy);
    expect(isPublicWorld(copy, committed)).toBe(true);
    const secret = join(dir, 'offering.onnx');
    writeFileSync(secret, 'the offering model bytes');
    expect(isPublicWorld(secret, committed)).toBe(false);
    writeFileSync(secret, 'the committed model byteZ');
    expect(isPublicWorld(secret, committed)).toBe(false);
    expect(isPublicWorld(join(dir, 'missing.onnx'), committed)).toBe(false);
  });

  it('is warned about with the field to set, louder in course mode', () => {
    expect(publicWorldWarning('images', undefined)).toMatch(/^warning: images runs on the committed public world model: .* set images\.worldModel$/);
    expect(publicWorldWarning('audio', 'team01')).toMatch(
      /^warning: course mode with audio on the committed public world model: every team can compute .* set audio\.worldModel$/,
    );
  });
});
