import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryTransport, Simulation, runConfigFields, s } from '@prodsim/core';
import { loadMovieLens, moviesDomain } from '@prodsim/domain-movies';
import { splitByTime } from '../split/time-split.js';
import { writeTrainingDirectory } from '../split/training-directory.js';
import { writeMovieLensFixture } from '../testing/movielens-fixture.js';

describe('the online world fitted to the training part', () => {
  it("hands the baselines exactly the training ratings as history, in the offline tier's indices", async () => {
    const fixture = writeMovieLensFixture({ users: 60, movies: 40 });
    const data = loadMovieLens(fixture.dir);
    const split = splitByTime(data);
    const trainDir = join(fixture.dir, '..', 'train');
    writeTrainingDirectory(data, split, trainDir);
    const config = s.object(runConfigFields).parse({ domain: 'movies', seed: '1', days: 1, progress: false }, '');
    const domainConfig = moviesDomain.config.parse({ source: trainDir, users: data.users.count }, 'movies');
    const sim = new Simulation({ config, domainConfig, plugin: moviesDomain, transport: new MemoryTransport() });
    const world = await sim.init();
    const history = world.probe!.history!();
    const seen = Array.from({ length: history.count }, (_, i) => `${history.user[i]}/${history.item[i]}`).sort();
    const training: string[] = [];
    for (let i = 0; i < data.ratings.count; i++) if (!split.heldOut[i]) training.push(`${data.ratings.user[i]}/${data.ratings.movie[i]}`);
    expect(seen).toEqual(training.sort());
    // Oldest first, as the offline tier feeds them.
    for (let i = 1; i < history.count; i++) expect(history.time[i]).toBeGreaterThanOrEqual(history.time[i - 1]);
  });
});
