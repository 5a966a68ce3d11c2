import { MemoryTransport, runConfigFields, s, Simulation, type PredictionEndpoint, type Predictor } from '@prodsim/core';
import { imagesDomain } from '@prodsim/domain-images';
import type { FeedRequest } from '@prodsim/media';
import { table } from '../report.js';

const DAYS = 3;
const USERS = 400;

/**
 * Staleness of a feature cache under creators' edits (same id, new picture): for each edit rate,
 * the share of feed candidates whose picture changed after it was uploaded, i.e. whose embedding
 * in a cache filled at upload and never invalidated is of the old picture, on the first and the
 * last day; and the edits per day, which a cache that invalidates on `edit` events embeds again.
 * Read from the public view (`version` of /image/<id>) at request time: what a team could see too.
 */
export async function runStaleness(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const rate of [0, 0.03, 0.1, 0.3]) {
    const perDay: { candidates: number; stale: number }[] = Array.from({ length: DAYS }, () => ({ candidates: 0, stale: 0 }));
    const config = s.object(runConfigFields).parse({ domain: 'images', seed: 'staleness', days: DAYS, progress: false }, '');
    let inner: Predictor | undefined;
    let version: (id: number) => number = () => 0;
    let day: () => number = () => 0;
    const spy: Predictor = {
      target: 'spy',
      predict(endpoint: PredictionEndpoint<any, any>, request, o) {
        if (endpoint.name === 'feed') {
          const tally = perDay[Math.min(DAYS - 1, day())];
          for (const id of (request as FeedRequest).candidates) {
            tally.candidates++;
            if (version(id) > 0) tally.stale++;
          }
        }
        return inner!.predict(endpoint, request, o);
      },
      close: async () => {},
    };
    const sim = new Simulation({
      config,
      domainConfig: imagesDomain.config.parse({ users: USERS, editsPerImageDay: rate }, 'images'),
      plugin: imagesDomain,
      transport: new MemoryTransport(),
      predictor: spy,
    });
    const world = await sim.init();
    const images = world.catalog.get('image')!;
    version = (id) => (images.get(String(id)) as { version: number } | undefined)?.version ?? 0;
    day = () => Math.floor((sim.scheduler.now - config.start) / 86_400_000);
    inner = world.defaultPredictor();
    const summary = await sim.run();
    const edits = Number(summary.world['edits (new picture, same id)'] ?? 0);
    const share = (d: { candidates: number; stale: number }) => `${((100 * d.stale) / Math.max(1, d.candidates)).toFixed(1)}%`;
    rows.push([rate, share(perDay[0]), share(perDay[DAYS - 1]), Math.round(edits / DAYS), Number(summary.world.uploads) / DAYS]);
  }
  console.log(
    `\n## Staleness: feed candidates whose picture changed since upload (${USERS} users, ${DAYS} days, default world otherwise, built-in popular feed)\n`,
  );
  console.log(table(['edits per image and day', 'stale, day 1', `stale, day ${DAYS}`, 'edits per day', 'uploads per day'], rows));
}
