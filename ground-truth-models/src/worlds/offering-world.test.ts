import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS } from './default-models.js';
import { offeringWorld } from './offering-world.js';

describe('offeringWorld', () => {
  // That the same secret gives the same bytes is regenerate's own test.
  it("writes an offering's own image world, for staff only: another secret's is another, the public one is not it", () => {
    const dir = () => mkdtempSync(join(tmpdir(), 'prodsim-offering-'));
    const a = offeringWorld('image', 'offering-secret-a', dir());
    const b = offeringWorld('image', 'offering-secret-b', dir());
    expect(statSync(a).mode & 0o777).toBe(0o600);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(false);
    expect(readFileSync(a).equals(readFileSync(DEFAULT_MODELS.image))).toBe(false);
  });
});
