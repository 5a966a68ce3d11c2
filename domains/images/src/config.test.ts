import { ConfigError, ErrorCodes, MemoryTransport, parseScenario, runConfigFields, s, Simulation, type InteractionObserver } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { ImagesErrorCodes } from './errors.js';
import { imagesDomain } from './images-domain.js';
import { SMALL } from './test/small-world.js';
import type { ImagesWorld } from './world/images-world.js';

const parse = (v: Record<string, unknown>) => imagesDomain.config.parse(v, 'images');

describe('images/v1 configuration', () => {
  it('has working defaults and a --users flag', () => {
    const c = parse({});
    expect(c.users).toBe(2000);
    expect(c.candidates).toBe(500);
    expect(imagesDomain.flags).toEqual({ users: 'users' });
  });

  it.each([
    [{ users: 0 }, 'images.users'],
    [{ imageSize: 8 }, 'images.imageSize'],
    [{ moderationFailure: 'maybe' }, 'images.moderationFailure'],
    // One timeline: a run's or an experiment's scenario; the config has no schedule of its own.
    [{ schedule: [] }, 'images.schedule'],
  ])('rejects %j naming %s', (input, field) => {
    try {
      parse(input);
      expect.fail('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).code).toBe(ErrorCodes.CONFIG_INVALID);
      expect((error as ConfigError).field).toBe(field);
    }
  });

  it.each([
    [{ day: 1, action: 'earthquake', params: {} }, 'scenario[0].action'],
    [{ day: 1, action: 'lighting', params: { brightness: 9 } }, 'scenario[0].params.brightness'],
    [{ day: 1, action: 'filter', params: { name: 'polaroid' } }, 'scenario[0].params.name'],
  ])('refuses the scenario step %j naming %s', (step, field) => {
    expect(() => parseScenario([step], imagesDomain, 3)).toThrow(expect.objectContaining({ code: ErrorCodes.CONFIG_INVALID, field }));
  });

  it('fills action defaults in scenario steps', () => {
    expect(parseScenario([{ day: 2, action: 'lighting', params: { brightness: 0.5 } }], imagesDomain, 3)[0].params).toEqual({ brightness: 0.5, contrast: 1 });
  });
});

describe('images/v1 for experiments', () => {
  async function build(observer?: InteractionObserver) {
    const config = s.object(runConfigFields).parse({ domain: 'images', seed: 'exp', days: 1, progress: false }, '');
    const sim = new Simulation({ config, domainConfig: parse(SMALL), plugin: imagesDomain, transport: new MemoryTransport(), observer });
    return { sim, world: (await sim.init()) as ImagesWorld };
  }

  it('reports slates and interactions with the hidden value to the observer, and answers the probe', async () => {
    const slates: number[][] = [];
    const interactions: { user: number; item: number; recommended: boolean; engagement: number; value: number }[] = [];
    const { sim, world } = await build({
      slate: (_t, _u, items) => slates.push(Array.from(items)),
      interaction: (_t, user, item, recommended, engagement, value) => interactions.push({ user, item, recommended, engagement, value }),
      outcome() {},
    });
    const summary = await sim.run();
    expect(slates.length).toBe(summary.eventsByKind.feed);
    expect(interactions.length).toBe(summary.eventsByKind.impression);
    expect(interactions.every((i) => Number.isFinite(i.value) && i.engagement > 0)).toBe(true);
    expect(interactions.filter((i) => i.recommended).length).toBeGreaterThan(interactions.length / 2);
    const probe = world.probe;
    expect(probe.userCount).toBe(300);
    expect(probe.itemCount).toBeGreaterThan(80);
    expect(probe.userGroup(0)).toMatch(/^[a-z-0-9]+$/);
    const d = probe.itemDistance(0, 1);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual(1);
    expect(probe.itemDistance(3, 3)).toBe(0);
    expect(probe.slateEndpoint!.userOf({ user: 7, candidates: [] })).toBe(7);
    expect(probe.slateEndpoint!.answer([3, 4])).toEqual([3, 4]);
  });

  it('applies scenario steps and refuses unknown ones with a coded error', async () => {
    const { world } = await build();
    world.applyScenario('filter', { name: 'sepia' });
    world.applyScenario('lighting', { brightness: 0.7 });
    world.applyScenario('resolution', { scale: 0.5 });
    expect(world.research().effects).toMatchObject({ filter: 'sepia', brightness: 0.7, contrast: 1, resolution: 0.5 });
    const before = world.research().adversarial.reduce((a, b) => a + b, 0);
    world.applyScenario('adversarial', { share: 1 });
    expect(world.research().adversarial.reduce((a, b) => a + b, 0)).toBe(40);
    expect(before).toBeLessThan(40);
    expect(() => world.applyScenario('earthquake', {})).toThrow(expect.objectContaining({ code: ImagesErrorCodes.SCENARIO }));
    expect(() => world.applyScenario('lighting', { brightness: 'dark' })).toThrow(ConfigError);
    await world.close();
  });
});
