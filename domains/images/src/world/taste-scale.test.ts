import { describe, expect, it } from 'vitest';
import { runSmall } from '../test/small-world.js';
import type { ImagesWorld } from './images-world.js';

/** The length of every user's hidden taste. */
function tasteLengths(w: ImagesWorld): number[] {
  const { viewers } = w.research();
  return Array.from({ length: viewers.count }, (_, u) => Math.hypot(...viewers.taste.subarray(u * viewers.dim, (u + 1) * viewers.dim)));
}

describe('images/v1 taste drift stays on the calibrated scale', () => {
  it('under the popular feed, tastes turn toward what users like but grow no longer, so affinities do not run away', async () => {
    let before: number[] = [];
    const run = await runSmall({
      seed: 'taste-scale',
      days: 6,
      config: { tasteDrift: 0.05 },
      // The world's own popular feed and moderator; the tastes are measured before anything happens.
      predictor: (w) => {
        before = tasteLengths(w);
        return w.defaultPredictor();
      },
    });
    const h = run.world.research();
    let drift = 0;
    for (let u = 0; u < h.viewers.count; u++) drift += h.viewers.tasteDrift(u);
    // The feedback loop works: tastes moved a good part of their length...
    expect(drift / h.viewers.count).toBeGreaterThan(0.3);
    // ...yet no taste is longer than it started (drifting toward the embeddings themselves, which
    // are about twice as long, made them grow, and affinities with them).
    const after = tasteLengths(run.world);
    const grown = after.filter((length, u) => length > before[u] * (1 + 1e-4)).length;
    expect(grown).toBe(0);
  });
});
