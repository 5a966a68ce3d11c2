import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `--plugin`, PRODSIM_PLUGINS, `plugins:` and `prodsim check` through the compiled prodsim binary,
// with the newsroom example (a path) and small plugin modules in test/fixtures/plugins.
const ROOT = join(import.meta.dirname, '..');
const NEWSROOM = join(ROOT, 'examples/plugin-newsroom');
const fixture = (name: string) => `./test/fixtures/plugins/${name}`;
const prodsim = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/prodsim.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PRODSIM_PLUGINS: '', ...env } });

describe('prodsim with plugins', () => {
  it('--plugin adds the plugin domain to prodsim domains and prodsim run; without it the domain is unknown', () => {
    expect(prodsim(['domains', '--plugin', NEWSROOM]).stdout).toMatch(/^ {2}newsroom\/v1 +news app/m);
    const r = prodsim(['run', 'newsroom', '--days', '0.5', '--users', '100', '--json', '--plugin', './examples/plugin-newsroom']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ domain: 'newsroom/v1', world: { readers: 100 } });
    const without = prodsim(['run', 'newsroom']);
    expect(without.status).toBe(2);
    expect(without.stderr).toMatch(/unknown domain "newsroom"/);
  });

  it("PRODSIM_PLUGINS and the config file's plugins load it too, and the plugin's schema checks its section", () => {
    expect(prodsim(['run', 'newsroom', '--days', '0.2', '--users', '50'], { PRODSIM_PLUGINS: NEWSROOM }).status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-plugin-cli-'));
    const config = join(dir, 'run.yaml');
    writeFileSync(config, `plugins: [${JSON.stringify(NEWSROOM)}]\ndomain: newsroom\ndays: 0.2\nnewsroom: { readers: 80 }\n`);
    const r = prodsim(['run', '--config', config, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).world.readers).toBe(80);
    writeFileSync(config, `plugins: [${JSON.stringify(NEWSROOM)}]\ndomain: newsroom\nnewsroom: { readerz: 80 }\n`);
    const bad = prodsim(['run', '--config', config]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('newsroom.readerz = 80; allowed: no such field; known fields: readers, publishers');
  });

  it.each([
    ['prodsim-plugin-nowhere', 'PRODSIM_ERR_PLUGIN_NOT_FOUND', 'plugin prodsim-plugin-nowhere (--plugin prodsim-plugin-nowhere) not found'],
    [fixture('not-a-plugin.mjs'), 'PRODSIM_ERR_PLUGIN_INVALID', 'is not a prodsim plugin: its module exports neither `plugin` nor a default export'],
    [fixture('toy-again.mjs'), 'PRODSIM_ERR_PLUGIN_DUPLICATE', 'plugin toy-again brings domain toy/v1, which plugin @prodsim/domain-toy already brings'],
  ])('--plugin %s is a usage error: %s, no stack trace', (specifier, code, message) => {
    const r = prodsim(['domains', '--plugin', specifier]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(new RegExp(`^prodsim: .*\\[${code}\\]\\n$`));
  });

  it('prodsim check passes a conforming plugin and fails a leaking one, one line per check with the reason', () => {
    const good = prodsim(['check', './examples/plugin-newsroom']);
    expect(good.status, good.stdout).toBe(0);
    expect(good.stdout).toMatch(/^ {2}pass {2}never lets the ground truth into events, public views or routes \(\d+ ms\)$/m);
    const bad = prodsim(['check', fixture('leaky-plugin.mjs')]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(
      /^ {2}FAIL {2}never lets the ground truth into events, public views or routes: the ground-truth value \S+ appears in the public views of user \(\d+ ms\)$/m,
    );
    expect(bad.stdout).toMatch(/^\d+ checks: \d+ passed, 1 failed$/m);
    expect(prodsim(['check']).status).toBe(2);
  });
});
