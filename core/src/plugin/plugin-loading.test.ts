import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toyDomain } from '@prodsim/domain-toy';
import { describe, expect, it } from 'vitest';
import { pluginRequests } from '../cli/plugin-requests.js';
import { ErrorCodes, type ProdsimError } from '../errors.js';
import { memoryTransport } from '../transport/memory-transport-factory.js';
import { checkPlugin, checkPluginNames } from './check-plugin.js';
import { loadPlugins } from './load-plugins.js';
import { baselinesOf, commandsOf, domainRegistryOf, pluginBaselinesOf, transportRegistryOf } from './plugin-contributions.js';
import type { ProdsimPlugin } from './prodsim-plugin.js';

/** A folder with files, for plugin modules and packages that exist only for a test. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'prodsim-plugin-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const moduleText = (body: string) => `export const plugin = ${body};\n`;
const PLAIN = moduleText("{ name: 'acme-plugin', version: '1.2.3', coreVersion: '^0.1.0' }");

async function codeOf(work: () => unknown): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    return (error as ProdsimError).code;
  }
  return undefined;
}

const plugin = (name: string, parts: Partial<ProdsimPlugin> = {}): ProdsimPlugin => ({ name, version: '1.0.0', coreVersion: '^0.1.0', ...parts });

describe('loading plugins', () => {
  it("resolves a package name from the project's node_modules (or a parent's), through its exports' import condition", async () => {
    const dir = folder({
      'node_modules/@acme/news/package.json': JSON.stringify({
        name: '@acme/news',
        type: 'module',
        exports: { '.': { types: './x.d.ts', import: './esm/plugin.js', require: './cjs.js' } },
      }),
      'node_modules/@acme/news/esm/plugin.js': PLAIN,
      'app/sub/.keep': '',
    });
    const [loaded] = await loadPlugins([{ specifier: '@acme/news', from: join(dir, 'app/sub'), source: '--plugin @acme/news' }]);
    expect(loaded.plugin.name).toBe('acme-plugin');
    expect(loaded.url).toBe(pathToFileURL(join(dir, 'node_modules/@acme/news/esm/plugin.js')).href);
  });

  it('loads a path to a file or to a package folder, once however often it is asked for', async () => {
    const dir = folder({
      'plugin.js': PLAIN,
      'pkg/package.json': JSON.stringify({ name: 'p', main: 'main.js' }),
      'pkg/main.js': moduleText("{ name: 'folder-plugin', version: '0.0.1', coreVersion: '>=0.1.0' }"),
    });
    const loaded = await loadPlugins([
      { specifier: './plugin.js', from: dir, source: 'plugins in run.yaml' },
      { specifier: join(dir, 'plugin.js'), from: '/', source: '--plugin' },
      { specifier: './pkg', from: dir, source: '--plugin' },
    ]);
    expect(loaded.map((p) => p.plugin.name)).toEqual(['acme-plugin', 'folder-plugin']);
  });

  it('refuses what is not there, what is not a plugin and what needs another core, naming the plugin and what to do', async () => {
    const dir = folder({
      'empty.js': 'export const answer = 42;\n',
      'nameless.js': moduleText("{ version: '1.0.0' }"),
      'future.js': moduleText("{ name: 'future-plugin', version: '1.0.0', coreVersion: '^2.0.0' }"),
      'broken.js': 'export const plugin = ;\n',
    });
    const load = (specifier: string) => loadPlugins([{ specifier, from: dir, source: '--plugin' }]);
    await expect(load('prodsim-plugin-nowhere')).rejects.toMatchObject({
      code: ErrorCodes.PLUGIN_NOT_FOUND,
      message: expect.stringMatching(
        /^plugin prodsim-plugin-nowhere \(--plugin\) not found: no package prodsim-plugin-nowhere in the node_modules of .*; install it there \(npm install prodsim-plugin-nowhere\) or give its path$/,
      ),
    });
    expect(await codeOf(() => load('./missing.js'))).toBe(ErrorCodes.PLUGIN_NOT_FOUND);
    await expect(load('./empty.js')).rejects.toMatchObject({
      code: ErrorCodes.PLUGIN_INVALID,
      message: expect.stringContaining('exports neither `plugin` nor a default export'),
    });
    await expect(load('./nameless.js')).rejects.toMatchObject({ code: ErrorCodes.PLUGIN_INVALID, message: expect.stringContaining('it has no name') });
    await expect(load('./broken.js')).rejects.toMatchObject({ code: ErrorCodes.PLUGIN_INVALID, message: expect.stringContaining('cannot be imported') });
    await expect(load('./future.js')).rejects.toMatchObject({
      code: ErrorCodes.PLUGIN_INCOMPATIBLE,
      message: expect.stringContaining('plugin future-plugin (from ./future.js (--plugin)) needs @prodsim/core ^2.0.0, but this prodsim has core 0.1.0'),
    });
    expect(await codeOf(() => checkPlugin({ ...plugin('x'), version: 'latest' }, 'test'))).toBe(ErrorCodes.PLUGIN_INVALID);
    expect(await codeOf(() => checkPlugin({ ...plugin('x'), domains: toyDomain }, 'test'))).toBe(ErrorCodes.PLUGIN_INVALID);
  });
});

describe('what plugins contribute', () => {
  it('registers every domain and transport, and a clash names both plugins', () => {
    const own = plugin('own', { domains: [toyDomain], transports: [memoryTransport] });
    expect(domainRegistryOf([own]).get('toy')).toBe(toyDomain);
    expect(transportRegistryOf([own]).names()).toEqual(['memory']);
    expect(() => domainRegistryOf([own, plugin('copycat', { domains: [toyDomain] })])).toThrow(
      expect.objectContaining({
        code: ErrorCodes.PLUGIN_DUPLICATE,
        message: 'plugin copycat brings domain toy/v1, which plugin own already brings; load only one of them, or give one of the domains another id (name/vN)',
      }),
    );
    expect(() => transportRegistryOf([own, plugin('copycat', { transports: [memoryTransport] })])).toThrow(
      expect.objectContaining({ code: ErrorCodes.PLUGIN_DUPLICATE }),
    );
    expect(() =>
      checkPluginNames([
        { plugin: own, source: 'prodsim' },
        { plugin: plugin('own'), source: '--plugin ./own' },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: ErrorCodes.PLUGIN_DUPLICATE,
        message: 'plugin own is loaded twice (from prodsim and from --plugin ./own); load it once',
      }),
    );
  });

  it("a plugin's malformed domain is refused with the registry's code, naming the plugin", () => {
    expect(() => domainRegistryOf([plugin('odd', { domains: [{ ...toyDomain, id: 'Toy' }] })])).toThrow(
      expect.objectContaining({ code: ErrorCodes.DOMAIN_INVALID, message: expect.stringMatching(/^plugin odd: domain plugin id "Toy"/) }),
    );
    expect(() => transportRegistryOf([plugin('old', { transports: [{ ...memoryTransport, name: 'pigeon', coreVersion: '^0.0.1' }] })])).toThrow(
      expect.objectContaining({ code: ErrorCodes.TRANSPORT_INCOMPATIBLE }),
    );
  });

  it('adds commands and baselines, refusing names prodsim or another plugin has', async () => {
    const command = { description: 'says hi', run: async () => 0 };
    expect(Object.keys(commandsOf([plugin('a', { commands: { hello: command } })], { experiment: command }, ['run']))).toEqual(['experiment', 'hello']);
    expect(() => commandsOf([plugin('a', { commands: { run: command } })], {}, ['run'])).toThrow(
      expect.objectContaining({ code: ErrorCodes.PLUGIN_DUPLICATE, message: expect.stringContaining('which prodsim itself already brings') }),
    );
    const made = { observer: { slate() {}, interaction() {}, outcome() {} }, predictor: () => ({}) as never };
    const builtIn = { names: ['random'], refused: { oracle: 'no' }, create: () => made };
    const merged = baselinesOf([plugin('a', { baselines: [{ name: 'latest', description: 'newest first', create: () => made }] })], builtIn)!;
    expect(merged.names).toEqual(['random', 'latest']);
    expect(merged.create('latest', '1')).toBe(made);
    // Experiment arms get the plugins' own baselines alone, checked the same way.
    const latest = { name: 'latest', description: 'newest first', create: () => made };
    expect(pluginBaselinesOf([plugin('a', { baselines: [latest] })], builtIn)).toEqual([latest]);
    expect(() => pluginBaselinesOf([plugin('a', { baselines: [latest] }), plugin('b', { baselines: [latest] })], builtIn)).toThrow(
      expect.objectContaining({ code: ErrorCodes.PLUGIN_DUPLICATE, message: expect.stringContaining('which plugin a already brings') }),
    );
    expect(() => baselinesOf([plugin('a', { baselines: [{ name: 'oracle', description: '', create: () => made }] })], builtIn)).toThrow(
      expect.objectContaining({ code: ErrorCodes.PLUGIN_DUPLICATE }),
    );
  });
});

describe('plugin requests on the command line', () => {
  it('takes the config file, then PRODSIM_PLUGINS, then --plugin (anywhere), out of the arguments', () => {
    const dir = folder({ 'conf/run.yaml': 'domain: toy\nplugins: [./local-plugin, acme-plugin]\n' });
    const { argv, requests } = pluginRequests(
      ['run', '--plugin', 'first', 'toy', '--config', 'conf/run.yaml', '--plugin=./second.js', '--', '--plugin', 'kept'],
      { PRODSIM_PLUGINS: ' env-a, env-b ' },
      dir,
    );
    expect(argv).toEqual(['run', 'toy', '--config', 'conf/run.yaml', '--', '--plugin', 'kept']);
    expect(requests.map((r) => [r.specifier, r.from, r.source])).toEqual([
      ['./local-plugin', join(dir, 'conf'), 'plugins in conf/run.yaml'],
      ['acme-plugin', join(dir, 'conf'), 'plugins in conf/run.yaml'],
      ['env-a', dir, 'PRODSIM_PLUGINS'],
      ['env-b', dir, 'PRODSIM_PLUGINS'],
      ['first', dir, '--plugin first'],
      ['./second.js', dir, '--plugin ./second.js'],
    ]);
  });

  it('refuses --plugin without a value, and a plugins field that is not a list of names', () => {
    expect(() => pluginRequests(['run', 'toy', '--plugin'], {}, '/')).toThrow(expect.objectContaining({ code: ErrorCodes.USAGE }));
    const dir = folder({ 'run.yaml': 'plugins: acme\n' });
    expect(() => pluginRequests(['run', '--config', 'run.yaml'], {}, dir)).toThrow(
      expect.objectContaining({ code: ErrorCodes.CONFIG_INVALID, field: 'plugins' }),
    );
  });
});
