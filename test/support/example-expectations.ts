import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '@prodsim/core';
import { runExperiment } from '@prodsim/experiments';
import { describe, expect, it } from 'vitest';
import { registries } from '../../bin/registry.js';

const { domains } = await registries();
const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Every ready-made experiment states its hypotheses (`expect:`), and shows them: each example
 * runs at reduced size, in its own design, scenario and expectations, and every expectation must
 * hold. An expectation holds only when its Holm-adjusted one-sided p is below its alpha over at
 * least 3 replications (each its own seeded world), so a claim the world does not show fails.
 * Three test files run every example on three seeds (its own and two others), so that a claim
 * shown only on a lucky seed fails too; they are separate files so that they run in parallel.
 * Sizes are chosen so that each run takes about half a minute on two cores; the scenario days
 * are kept, so the reduced runs keep every step.
 */
export const EXAMPLES: { file: string; reduced: { days?: number; replications: number; world: Record<string, unknown> } }[] = [
  { file: 'examples/experiments/filter-bubble.yaml', reduced: { days: 14, replications: 5, world: { users: 1800 } } },
  { file: 'examples/experiments/horror-loop.yaml', reduced: { days: 20, replications: 5, world: { users: 800 } } },
  { file: 'examples/experiments/canary-rollout.yaml', reduced: { replications: 5, world: { users: 2000 } } },
  { file: 'examples/experiments/drift-detection.yaml', reduced: { replications: 5, world: { users: 1500 } } },
  { file: 'examples/experiments/attack.yaml', reduced: { days: 14, replications: 5, world: { users: 2500 } } },
  {
    file: 'examples/images-baseline/experiments/lighting-drift.yaml',
    reduced: { replications: 5, world: { users: 800, creators: 100, initialImages: 300, candidates: 120 } },
  },
];

/** Runs every example on `seed` (undefined: the example's own) and asserts that each of its expectations holds. */
export function everyExampleHolds(seed: string | undefined): void {
  describe(`every example shows what it claims (seed: ${seed ?? 'its own'})`, () => {
    it.each(EXAMPLES)(
      '$file: every expectation holds at reduced size',
      async ({ file, reduced }) => {
        const input = loadConfigFile(join(ROOT, file));
        const expectations = input.expect as unknown[];
        expect(expectations.length, `${file} states no hypotheses (expect:)`).toBeGreaterThan(0);
        const spec = {
          ...input,
          ...reduced,
          ...(seed === undefined ? {} : { seed }),
          world: { ...(input.world as Record<string, unknown>), ...reduced.world },
        };
        const { summary } = await runExperiment({
          specInput: spec,
          plugin: domains.get(String(input.domain)),
          outDir: mkdtempSync(join(tmpdir(), 'prodsim-example-')),
          workers: 2,
          registryModule: new URL('../../bin/registry.js', import.meta.url).href,
        });
        expect(summary.expectations.length).toBe(expectations.length);
        expect(summary.replications).toBeGreaterThanOrEqual(3);
        const notHeld = summary.expectations.filter((e) => !e.held).map((e) => e.sentence);
        expect(notHeld, `${file}, seed ${seed ?? String(input.seed)}: expectations not held`).toEqual([]);
      },
      600_000,
    );
  });
}
