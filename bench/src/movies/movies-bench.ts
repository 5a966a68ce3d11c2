import { parseArgs } from 'node:util';
import { Clock, EventSink, MemoryTransport, Scheduler, Simulation, runConfigFields, s } from '@prodsim/core';
import { LineEncoder, moviesDomain, type MoviesWorld } from '@prodsim/domain-movies';
import { machine, mib, table } from '../report.js';

/**
 * bench/movies: how big and how fast a movies/v1 world is.
 *   1. build a world of --users (default 1,000,000): wall time, RSS, heap, typed arrays;
 *   2. fast-forward it --hours simulated hours (default 24) with the in-memory transport and the
 *      built-in popularity recommender: events/s, beside a floor measured in the same process
 *      (the same number of viewers emitting minute lines with no behaviour at all);
 *   3. the memory a --big world (default 10,000,000 users) needs, and a run of it for
 *      --big-minutes simulated minutes (default 30) to show that it starts (--big 0 skips).
 * Run: node --expose-gc bench/dist/movies/movies-bench.js (after npx tsc -b).
 */
const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000000' },
    hours: { type: 'string', default: '24' },
    big: { type: 'string', default: '10000000' },
    'big-minutes': { type: 'string', default: '30' },
  },
});
const USERS = Number(values.users);
const HOURS = Number(values.hours);
const BIG = Number(values.big);
const BIG_MINUTES = Number(values['big-minutes']);
const START = '2026-01-05T00:00:00Z';

/**
 * The in-memory transport as if a consumer read every topic: the world writes every line, as it
 * does for a broker or an event file, and the transport drops them unrouted as before. A plain
 * `MemoryTransport` with no subscriber would let the world skip writing lines nobody reads
 * (`EventSink.reads`), and the bench would no longer measure a world producing its stream.
 */
class ReadTransport extends MemoryTransport {
  override reads(): boolean {
    return true;
  }
}

interface Memory {
  rss: number;
  heapUsed: number;
  /** The JS heap's pages, used or not: RSS beyond the data when a run leaves them committed. */
  heapTotal: number;
  arrayBuffers: number;
}

function memory(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  // A full GC frees dead typed arrays' memory on a background thread, and the next GC first
  // finishes that: measured after one, a 10M-user day still held 82 MB of freed arrays (1.32-1.33x
  // the build's RSS, where two seconds later it was 1.27x); after two, only what is alive.
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, arrayBuffers: m.arrayBuffers };
}

async function buildWorld(users: number, days: number) {
  const config = s.object(runConfigFields).parse({ domain: 'movies', seed: 'bench', days, start: START, progress: false }, '');
  const domainConfig = moviesDomain.config.parse({ users }, 'movies');
  const sim = new Simulation({ config, domainConfig, plugin: moviesDomain, transport: new ReadTransport() });
  const before = memory();
  const t0 = performance.now();
  const world = (await sim.init()) as MoviesWorld;
  const buildSeconds = (performance.now() - t0) / 1000;
  const after = memory();
  const { population, truth } = world.research();
  // Per-user bytes of every per-user array (population and the user half of the ground truth).
  const userBytes = (population.byteLength + truth.userBias.byteLength + truth.userFactors.byteLength + truth.genreAffinity.byteLength) / population.capacity;
  return { sim, world, buildSeconds, before, after, userBytes };
}

/** The floor: `viewers` users each requesting one minute line a simulated minute, no behaviour. */
async function floor(viewers: number, events: number): Promise<number> {
  const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: Date.parse(START) }), { initialCapacity: viewers });
  const sink = new EventSink([new MemoryTransport()], scheduler);
  const kind = sink.declare('watch', 'movielog1');
  const lines = new LineEncoder();
  const minute = new Uint16Array(viewers);
  const MINUTE = scheduler.register('floor-minute', (time, u) => {
    const id = String(u + 1);
    sink.emit(kind, id, lines.watch(time, id, 'the+shawshank+redemption+1994', ++minute[u]));
    scheduler.at(time + 60_000, MINUTE, u);
  });
  for (let u = 0; u < viewers; u++) scheduler.at(Date.parse(START) + (u % 60_000), MINUTE, u);
  const t0 = performance.now();
  await scheduler.run({ maxEvents: events });
  return events / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  console.log(`bench/movies: ${machine()}\n`);
  const measured = await buildAndRun();
  const estimate = (users: number) => measured.rssAfterBuild - measured.arrayDelta + (measured.arrayDelta * users) / USERS;
  console.log(`\n3. ${BIG.toLocaleString('en-US')} users`);
  const rows: (string | number)[][] = [
    [`estimated RSS, scaling the ${USERS.toLocaleString('en-US')}-user build's typed arrays`, mib(estimate(BIG))],
    ['per-user arrays x users', mib(measured.userBytes * BIG)],
  ];
  if (BIG > 0) rows.push(...(await bigRun()));
  console.log(table(['figure', 'value'], rows));
}

/** Phases 1 and 2; returns figures only, so that the world can be collected before the big one. */
async function buildAndRun(): Promise<{ rssAfterBuild: number; arrayDelta: number; userBytes: number }> {
  const built = await buildWorld(USERS, HOURS / 24);
  const heapDelta = built.after.heapUsed - built.before.heapUsed;
  const arrayDelta = built.after.arrayBuffers - built.before.arrayBuffers;
  console.log(`1. build a ${USERS.toLocaleString('en-US')}-user world (targets: <= 15 s, <= 2 GB)`);
  console.log(
    table(
      ['figure', 'value'],
      [
        ['build wall time', `${built.buildSeconds.toFixed(2)} s`],
        ['RSS after build', mib(built.after.rss)],
        ['JS heap used (delta)', mib(heapDelta)],
        ['typed arrays (delta)', mib(arrayDelta)],
        ['per-user arrays', `${built.userBytes.toFixed(0)} bytes/user`],
        ['movies', built.world.catalogue.count],
      ],
    ),
  );

  const summary = await built.sim.run();
  const afterRun = memory();
  const rate = summary.events / summary.wallSeconds;
  // As many viewers as the run had sessions, so the floor's queue is about as deep as the world's.
  const viewers = Math.max(1000, summary.eventsByKind.recommendation ?? 0);
  const floorRate = await floor(viewers, Math.min(5_000_000, Math.max(1_000_000, summary.events)));
  console.log(`\n2. fast-forward ${HOURS} simulated hours, memory transport, popularity recommender (target: >= 200,000 events/s)`);
  console.log(
    table(
      ['figure', 'value'],
      [
        ['events', summary.events],
        ['  watch / rate / recommendation', `${summary.eventsByKind.watch} / ${summary.eventsByKind.rate} / ${summary.eventsByKind.recommendation}`],
        ['scheduler events', summary.schedulerEvents],
        ['wall time', `${summary.wallSeconds.toFixed(2)} s`],
        ['events/s', Math.round(rate)],
        [`floor events/s (${viewers.toLocaleString('en-US')} viewers, minute lines, no behaviour)`, Math.round(floorRate)],
        ['movies / floor', `${(rate / floorRate).toFixed(2)}x`],
        ['RSS after the run', mib(afterRun.rss)],
        ['events still queued', built.sim.scheduler.pending],
      ],
    ),
  );
  return { rssAfterBuild: built.after.rss, arrayDelta, userBytes: built.userBytes };
}

async function bigRun(): Promise<(string | number)[][]> {
  const big = await buildWorld(BIG, BIG_MINUTES / 1440);
  const summary = await big.sim.run();
  const after = memory();
  const { counters, population, truth } = big.world.research();
  // Where the run's growth went: what it filled of the typed arrays (the queue's arrays, as large
  // as they grew, and the day's planned sessions; the taste origins of users whose tastes moved;
  // the viewings under way; the pairs watched) and of the JS heap.
  const origins = truth.origins;
  return [
    ['measured: build wall time', `${big.buildSeconds.toFixed(2)} s`],
    ['measured: RSS after build', mib(big.after.rss)],
    ['measured: typed arrays', mib(big.after.arrayBuffers)],
    [
      `measured: run of ${BIG_MINUTES} simulated minutes`,
      `${summary.events.toLocaleString('en-US')} events in ${summary.wallSeconds.toFixed(2)} s (${Math.round(summary.events / summary.wallSeconds).toLocaleString('en-US')}/s), stopped: ${summary.reason}`,
    ],
    ['measured: RSS after the run', mib(after.rss)],
    ['  typed arrays / JS heap used / JS heap committed after the run', `${mib(after.arrayBuffers)} / ${mib(after.heapUsed)} / ${mib(after.heapTotal)}`],
    ['  scheduler queue and planned batches', mib(big.sim.scheduler.queueBytes)],
    ['  taste origins kept (users, bytes in use)', `${origins.count.toLocaleString('en-US')}, ${mib(origins.bytesInUse)}`],
    ['  viewings under way: pool arrays', mib(population.viewers.byteLength)],
    ['  (user, movie) pairs watched: pairs, table', `${population.watched.size.toLocaleString('en-US')}, ${mib(population.watched.byteLength)}`],
    ['sessions started / users', `${counters.sessions.toLocaleString('en-US')} / ${population.count.toLocaleString('en-US')}`],
  ];
}

await main();
