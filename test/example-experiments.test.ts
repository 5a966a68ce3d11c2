import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '@prodsim/core';
import { parseExperimentSpec } from '@prodsim/experiments';
import { describe, expect, it } from 'vitest';
import { registries } from '../bin/registry.js';

const DIR = join(import.meta.dirname, '..', 'examples', 'experiments');
const { domains } = await registries();

describe('ready-made experiments in examples/experiments', () => {
  const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f));

  it('covers filter bubble, horror loop, canary rollout, drift detection and an attack', () => {
    expect(files.sort()).toEqual(['attack.yaml', 'canary-rollout.yaml', 'drift-detection.yaml', 'filter-bubble.yaml', 'horror-loop.yaml']);
  });

  it.each(files)('%s is a valid spec for its domain', (file) => {
    const input = loadConfigFile(join(DIR, file));
    const spec = parseExperimentSpec(input, domains.get(String(input.domain)));
    expect(spec.arms.length).toBeGreaterThanOrEqual(2);
  });
});
