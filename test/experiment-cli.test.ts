import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const prodsim = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/prodsim.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('prodsim experiment run', () => {
  it('runs a spec in worker threads and writes metrics, summary and report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-exp-cli-'));
    writeFileSync(
      join(dir, 'spec.yaml'),
      [
        'name: toy-cli',
        'domain: toy',
        'replications: 2',
        'days: 3',
        'world: { users: 300, items: 30 }',
        'arms:',
        '  - { name: random, predictor: random }',
        '  - { name: knn, predictor: item-knn }',
        '  - { name: mf, predictor: mf }',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'results');
    const r = prodsim(['experiment', 'run', join(dir, 'spec.yaml'), '--out', out, '--workers', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/experiment toy-cli: 2 replications x 3 days x 3 arms of toy\/v1/);
    expect(readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2 * 3 * 3);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).arms.map((a: { name: string }) => a.name)).toEqual(['random', 'knn', 'mf']);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('a bad spec gives the field-level error and exit status 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-exp-cli-'));
    writeFileSync(join(dir, 'spec.json'), JSON.stringify({ name: 'x', domain: 'toy', arms: [{ name: 'a', predictor: 'svd' }] }));
    const r = prodsim(['experiment', 'run', join(dir, 'spec.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/arms\[0\]\.predictor = "svd"; allowed: a built-in baseline \(random, popularity, item-knn, mf, mf-ratings, oracle\)/);
  });

  it('a coded failure inside a worker thread keeps its code: the oracle on a domain with no hidden true value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-exp-cli-'));
    writeFileSync(
      join(dir, 'spec.json'),
      JSON.stringify({ name: 'oracle-toy', domain: 'toy', replications: 1, days: 1, world: { users: 50 }, arms: [{ name: 'oracle', predictor: 'oracle' }] }),
    );
    const r = prodsim(['experiment', 'run', join(dir, 'spec.json'), '--out', join(dir, 'out'), '--workers', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^prodsim: replication 0: predictor oracle needs the domain's hidden value .* \[PRODSIM_ERR_BASELINE_NO_TRUE_VALUE\]\n$/);
    expect(r.stderr).not.toMatch(/unexpected failure|\n\s+at /);
  });
});
