import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SCANNED = ['core/src', 'domains', 'transports', 'ground-truth-models/src'];

function sources(dir: string, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|js|mjs)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(path);
  }
  return out;
}

describe('determinism hygiene', () => {
  it('no Math.random in core, domains, transports or ground-truth models (all randomness comes from seeded streams)', () => {
    const files = SCANNED.flatMap((d) => sources(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => /Math\.random\s*\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('the core version constant matches core/package.json', async () => {
    const { CORE_VERSION } = await import('@prodsim/core');
    expect(CORE_VERSION).toBe(JSON.parse(readFileSync(join(ROOT, 'core/package.json'), 'utf8')).version);
  });
});
