import type { DomainPlugin, DomainWorld } from '../domain/domain-plugin.js';

/**
 * The same domain with no headroom: its worlds' research probe declares no answer values, so no
 * answer is valued with the hidden truth. For tests that a world's event log is the same either
 * way (valuing answers must draw nothing from the world's random streams nor change its state).
 */
export function withoutHeadroom<C>(plugin: DomainPlugin<C>): DomainPlugin<C> {
  return {
    ...plugin,
    async create(ctx, config) {
      const world = await plugin.create(ctx, config);
      const probe = world.probe;
      if (!probe) return world;
      const bare = Object.create(probe, { answerValues: { value: undefined } });
      return new Proxy(world, {
        get: (target, key) => (key === 'probe' ? bare : Reflect.get(target, key, target)),
      }) as DomainWorld;
    },
  };
}
