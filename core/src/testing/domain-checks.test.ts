import { toyDomain } from '@prodsim/domain-toy';
import { describe, expect, it } from 'vitest';
import { s } from '../config/schema.js';
import type { DomainPlugin, DomainWorld } from '../domain/domain-plugin.js';
import { runSuite, type CheckResult } from './conformance-check.js';
import { domainConformance } from './domain-checks.js';

// The domain suite run without vitest over toy/v1 and over broken copies of it: each breakage
// fails the check that guards it, with a reason a plugin author can act on.
const small = { domainConfig: { users: 100 }, minEvents: 20 };

function variant(id: string, change: Partial<DomainPlugin>, world?: (w: DomainWorld) => DomainWorld): DomainPlugin {
  return {
    ...toyDomain,
    id,
    conformance: { ...toyDomain.conformance, ...small },
    ...change,
    async create(ctx, config) {
      const w = await (change.create ?? toyDomain.create)(ctx, config);
      return world ? world(w) : w;
    },
  };
}

async function failures(plugin: DomainPlugin): Promise<CheckResult[]> {
  return (await runSuite(domainConformance(plugin))).filter((r) => !r.ok);
}

describe('domain conformance without a test runner', () => {
  it('toy/v1 passes every check', async () => {
    const results = await runSuite(domainConformance(toyDomain, small));
    expect(results.length).toBeGreaterThanOrEqual(9);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('a config field without a default fails registration, naming the field', async () => {
    const plugin = variant('nodefault/v1', {
      config: s.object({
        users: s.number({ integer: true, min: 1 }),
        items: s.number({ default: 50 }),
        sessionsPerDay: s.number({ default: 1 }),
        topic: s.string({ default: 'toylog' }),
      }),
    });
    const [first] = await failures(plugin);
    expect(first.check).toMatch(/^registers/);
    expect(first.reason).toMatch(/every field needs a default.*nodefault\.users = \(missing\)/);
  });

  it('a ground-truth value in the public views is caught, and short canaries are refused', async () => {
    const leaky = variant('leaky/v1', {}, (w) => {
      const users = w.catalog.get('user')!;
      const leaked = { ...users, get: (id: string) => (users.get(id) ? { id: Number(id), secret: w.groundTruthCanaries()[Number(id) % 20] } : undefined) };
      const catalog = { list: () => [leaked], get: (name: string) => (name === 'user' ? leaked : undefined) };
      return { ...w, catalog } as DomainWorld;
    });
    expect((await failures(leaky)).map((f) => f.reason)).toContainEqual(
      expect.stringMatching(/^the ground-truth value \S+ appears in the public views of user$/),
    );
    const short = variant('short/v1', {}, (w) => ({ ...w, groundTruthCanaries: () => ['0.5', '42'] }));
    expect((await failures(short)).map((f) => f.reason)).toContainEqual(expect.stringMatching(/no string of at least 6 characters/));
  });

  it('forTeam that gives every team the same topic fails course mode', async () => {
    const shared = variant('shared/v1', { forTeam: (config) => config });
    const failed = await failures(shared);
    expect(failed.map((f) => f.check)).toEqual(['course mode: forTeam gives each team its own topics']);
    expect(failed[0].reason).toBe('teams 1 and 2 both publish to toylog; forTeam should give each team its own topics (e.g. topic + index)');
  });

  it('scenario actions without applyScenario, or with a schema that takes anything, fail', async () => {
    const unapplied = variant('unapplied/v1', { scenarioActions: { rain: { description: 'rain', params: s.object({ mm: s.number({ default: 3 }) }) } } });
    expect((await failures(unapplied)).map((f) => f.reason)).toEqual([expect.stringMatching(/has no applyScenario/)]);
    const loose = variant('loose/v1', { scenarioActions: { rain: { description: 'rain', params: s.record() } } }, (w) => ({ ...w, applyScenario() {} }));
    expect((await failures(loose)).map((f) => f.reason)).toEqual([expect.stringMatching(/accepts an unknown field/)]);
  });

  it('an action whose parameters need values is applied with the example given, and named as not applied without one', async () => {
    const needy = (scenarioParams?: Record<string, Record<string, unknown>>) =>
      variant(
        'needy/v1',
        { scenarioActions: { rain: { description: 'rain', params: s.object({ mm: s.number({ min: 0 }) }) } }, conformance: { ...small, scenarioParams } },
        (w) => ({ ...w, applyScenario() {} }),
      );
    const scenarioCheck = async (plugin: DomainPlugin) =>
      (await runSuite(domainConformance(plugin))).find((r) => r.check.startsWith('declares scenario actions'))!;
    expect(await scenarioCheck(needy())).toMatchObject({ ok: true, reason: 'not applied, their parameters need values (conformance.scenarioParams): rain' });
    expect(await scenarioCheck(needy({ rain: { mm: 3 } }))).toMatchObject({ ok: true, reason: undefined });
    expect(await scenarioCheck(needy({ rain: { mm: -1 } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('refuses conformance.scenarioParams.rain'),
    });
  });

  it('a flag naming no config field, and a probe out of its contract, fail', async () => {
    const flagged = variant('flagged/v1', { flags: { users: 'readers' } });
    expect((await failures(flagged)).map((f) => f.reason)).toEqual(['flags.users names readers, which is not a field of the configuration']);
    const far = variant('far/v1', {}, (w) => ({ ...w, probe: { ...w.probe!, itemDistance: () => 2 } }));
    expect((await failures(far)).map((f) => f.reason)).toEqual([expect.stringMatching(/^probe\.itemDistance\(0, 0\) is 2/)]);
    const hasty = variant('hasty/v1', {}, (w) => ({ ...w, probe: { ...w.probe!, listDiversity: () => 0.5 } }));
    expect((await failures(hasty)).map((f) => f.reason)).toEqual([
      expect.stringMatching(/^probe\.listDiversity\(\[0, .*\]\) is 0\.5, where the mean itemDistance over its pairs is /),
    ]);
  });
});
