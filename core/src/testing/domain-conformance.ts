import { describe, expect, it } from 'vitest';
import type { DomainPlugin } from '../domain/domain-plugin.js';
import { DomainRegistry } from '../domain/domain-registry.js';
import { runWorld, type RunWorldOptions } from './run-world.js';

export interface DomainConformanceOptions extends RunWorldOptions {
  /** Checks one encoded event; throw (or fail an expect) if it is not well formed. */
  validateEvent(value: string, topic: string): void;
  /** At least this many events must be emitted by the run (default 50). */
  minEvents?: number;
}

/**
 * The suite every domain plugin passes: it registers; the same seed gives the same event log
 * byte for byte and a different seed a different one; every event is well formed; and no
 * ground-truth canary appears in any event or public entity view.
 */
export function runDomainConformance(plugin: DomainPlugin, options: DomainConformanceOptions): void {
  describe(`domain conformance: ${plugin.id}`, () => {
    it('registers with a versioned id and a config schema that accepts its defaults', () => {
      const registry = new DomainRegistry();
      registry.register(plugin);
      expect(registry.get(plugin.id.split('/')[0])).toBe(plugin);
      expect(() => plugin.config.parse({}, 'domain')).not.toThrow();
    });

    it('gives the same event log for the same seed, and a different one for another seed', async () => {
      const a = await runWorld(plugin, { ...options, seed: 'conformance-a' });
      const b = await runWorld(plugin, { ...options, seed: 'conformance-a' });
      const c = await runWorld(plugin, { ...options, seed: 'conformance-b' });
      expect(a.capture.events.length).toBeGreaterThanOrEqual(options.minEvents ?? 50);
      expect(b.capture.text()).toBe(a.capture.text());
      expect(c.capture.text()).not.toBe(a.capture.text());
    });

    it('emits only well-formed events, on declared topics', async () => {
      const { capture, sim } = await runWorld(plugin, { ...options, seed: 'conformance-a' });
      const topics = new Set(sim.events.kindsDeclared().map((k) => k.topic));
      for (const event of capture.events) {
        expect(topics.has(event.topic)).toBe(true);
        options.validateEvent(event.value, event.topic);
      }
    });

    it('never lets the ground truth into events or public views', async () => {
      const { capture, sim } = await runWorld(plugin, { ...options, seed: 'conformance-a' });
      const world = sim.domainWorld;
      const canaries = world.groundTruthCanaries().filter((c) => c.length >= 6);
      expect(canaries.length).toBeGreaterThan(0);
      const publicText: string[] = capture.events.map((e) => e.value);
      for (const collection of world.catalog.list()) {
        for (const id of collection.sampleIds(50)) publicText.push(JSON.stringify(collection.get(id)));
      }
      const haystack = publicText.join('\n');
      for (const canary of canaries) expect(haystack.includes(canary), `ground-truth value ${canary} leaked`).toBe(false);
    });

    it('answers unknown entity ids with undefined and validates id syntax', async () => {
      const { sim } = await runWorld(plugin, { ...options, seed: 'conformance-a', maxEvents: 1 });
      for (const collection of sim.domainWorld.catalog.list()) {
        const ids = collection.sampleIds(5);
        expect(ids.length).toBeGreaterThan(0);
        for (const id of ids) {
          expect(collection.idPattern.test(id)).toBe(true);
          expect(collection.get(id)).toBeDefined();
        }
        expect(collection.get('no-such-id-\u2603')).toBeUndefined();
      }
    });
  });
}
