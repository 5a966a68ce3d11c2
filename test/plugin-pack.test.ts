import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A course designer's view: prodsim and the newsroom plugin (examples/plugin-newsroom) installed
// from packed tarballs into a project outside this repository, then run there. prodsim's own
// packages come from `npm pack`; their third-party dependencies are linked from this repository's
// node_modules (npm's cache holds their tarballs but not the registry metadata a fresh resolution
// needs), so the install never touches the network (--offline) and runs no install scripts.

const ROOT = join(import.meta.dirname, '..');
const PLUGIN_DIR = join(ROOT, 'examples/plugin-newsroom');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { name: string; dependencies?: Record<string, string> };

/** The workspace folders of the @prodsim packages prodsim needs at run time (the root's dependencies, and theirs). */
function runtimeWorkspaces(): string[] {
  const folders = [
    'core',
    'ground-truth-models',
    'experiments',
    'validation',
    ...['domains', 'transports'].flatMap((d) => readdirSync(join(ROOT, d)).map((f) => `${d}/${f}`)),
  ];
  const byName = new Map(folders.filter((f) => existsSync(join(ROOT, f, 'package.json'))).map((f) => [readJson(join(ROOT, f, 'package.json')).name, f]));
  const needed = new Set<string>();
  const visit = (deps: Record<string, string> = {}) => {
    for (const name of Object.keys(deps)) {
      const folder = byName.get(name);
      if (folder === undefined || needed.has(folder)) continue;
      needed.add(folder);
      visit(readJson(join(ROOT, folder, 'package.json')).dependencies);
    }
  };
  visit(readJson(join(ROOT, 'package.json')).dependencies);
  return [...needed];
}

/** `npm pack` into `dir`; the tarballs' paths. */
function pack(cwd: string, dir: string, args: string[] = []): string[] {
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return (JSON.parse(out) as { filename: string }[]).map((p) => join(dir, p.filename));
}

describe('a plugin packed and installed outside the repository', () => {
  let project: string;
  const prodsim = (args: string[]) =>
    spawnSync(join(project, 'node_modules/.bin/prodsim'), args, { cwd: project, encoding: 'utf8', env: { ...process.env, PRODSIM_PLUGINS: '' } });

  beforeAll(() => {
    const work = mkdtempSync(join(tmpdir(), 'prodsim-plugin-pack-'));
    const packs = join(work, 'packs');
    mkdirSync(packs);
    const workspaces = runtimeWorkspaces();
    const ours = [...pack(ROOT, packs, ['--include-workspace-root', ...workspaces.flatMap((w) => ['--workspace', w])]), ...pack(PLUGIN_DIR, packs)];
    const manifests = [ROOT, ...workspaces.map((w) => join(ROOT, w))].map((dir) => readJson(join(dir, 'package.json')));
    const dependencies: Record<string, string> = {};
    for (const manifest of manifests) {
      for (const dep of Object.keys(manifest.dependencies ?? {}))
        if (!dep.startsWith('@prodsim/')) dependencies[dep] = `file:${join(ROOT, 'node_modules', dep)}`;
    }
    for (const tarball of ours) {
      const name = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
      dependencies[JSON.parse(name).name] = `file:${tarball}`;
    }
    project = join(work, 'course');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'course', private: true, type: 'module', dependencies }, null, 2));
    execFileSync('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: project, stdio: 'ignore' });
  }, 120_000);

  afterAll(() => {
    if (project) rmSync(join(project, '..'), { recursive: true, force: true });
  });

  it('installs prodsim and the plugin as copies in the project, not links into the repository', () => {
    for (const name of ['prodsim', '@prodsim/core', 'prodsim-plugin-newsroom']) {
      expect(realpathSync(join(project, 'node_modules', name)).startsWith(realpathSync(project))).toBe(true);
    }
  });

  it('prodsim run <domain> --plugin <package> runs the plugin domain', () => {
    const r = prodsim(['run', 'newsroom', '--plugin', 'prodsim-plugin-newsroom', '--days', '1', '--users', '300', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.domain).toBe('newsroom/v1');
    expect(summary.world.readers).toBe(300);
    expect(summary.eventsByKind.read).toBeGreaterThan(100);
    const baseline = prodsim(['run', 'newsroom', '--plugin', 'prodsim-plugin-newsroom', '--days', '0.5', '--baseline', 'latest', '--json']);
    expect(baseline.status, baseline.stderr).toBe(0);
    expect(JSON.parse(baseline.stdout).predictions.ok).toBeGreaterThan(0);
  });

  it('prodsim check <package> passes every conformance check of the plugin', () => {
    const r = prodsim(['check', 'prodsim-plugin-newsroom']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^prodsim check: prodsim-plugin-newsroom 0\.1\.0 \(1 domain, 0 transports\)$/m);
    expect(r.stdout).toMatch(/^(\d+) checks: \1 passed, 0 failed$/m);
    expect(r.stdout).not.toMatch(/FAIL/);
  });

  it("prodsim experiment run runs the plugin domain, with the plugin's baseline as an arm, in worker threads", () => {
    writeFileSync(
      join(project, 'spec.yaml'),
      [
        'name: short',
        'domain: newsroom',
        'replications: 2',
        'days: 2',
        'world: { readers: 300, publishers: 10, articlesPerDay: 40 }',
        'arms:',
        '  - { name: popularity, predictor: popularity }',
        '  - { name: oracle, predictor: oracle }',
        '  - { name: latest, predictor: latest }',
        '',
      ].join('\n'),
    );
    const r = prodsim(['experiment', 'run', 'spec.yaml', '--plugin', 'prodsim-plugin-newsroom', '--workers', '2', '--out', 'results']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/experiment short: 2 replications x 2 days x 3 arms of newsroom\/v1/);
    const rows = readFileSync(join(project, 'results/metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(2 * 2 * 3);
    expect(new Set(rows.map((row) => row.arm))).toEqual(new Set(['popularity', 'oracle', 'latest']));
    expect(rows.every((row) => row.interactions > 0)).toBe(true);
  });
});
