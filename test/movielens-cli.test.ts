import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A bad MovieLens folder is the user's configuration pointing at bad data: a usage error (exit 2)
// that names movies.source, the file and the line, through the compiled prodsim binary.
const ROOT = join(import.meta.dirname, '..');
const prodsim = (args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/prodsim.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PRODSIM_PLUGINS: '' } });
const runOn = (source: string) => prodsim(['run', 'movies', '--set', `movies.source=${source}`, '--days', '0.01', '--no-progress']);

describe('prodsim run movies on a bad MovieLens folder', () => {
  it('a missing folder: exit 2, naming movies.source, no stack trace', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'prodsim-ml-')), 'ml-100k');
    const r = runOn(dir);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^prodsim: movies\\.source = "${dir}": MovieLens directory ${dir} does not exist .*\\[PRODSIM_ERR_MOVIELENS_MISSING\\]\\n$`),
    );
  });

  it('a folder lacking a file of its release: exit 2, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-ml-'));
    for (const f of ['u.data', 'u.item']) writeFileSync(join(dir, f), '');
    const r = runOn(dir);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe(`prodsim: movies.source = "${dir}": ${dir} looks like ml-100k but lacks u.user [PRODSIM_ERR_MOVIELENS_MISSING]\n`);
  });

  it('a corrupt line: exit 2, naming movies.source, the file and the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-ml-'));
    writeFileSync(join(dir, 'u.data'), '1\t1\t4\t881250949\n1\t2\tfour\t881250950\n');
    writeFileSync(join(dir, 'u.item'), '1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n');
    writeFileSync(join(dir, 'u.user'), '1|24|M|technician|85711\n');
    const r = runOn(dir);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^prodsim: movies\\.source = "${dir}": ${join(dir, 'u.data')}:2: .*"1\\\\t2\\\\tfour\\\\t881250950".*\\[PRODSIM_ERR_MOVIELENS_FORMAT\\]\\n$`),
    );
  });
});
