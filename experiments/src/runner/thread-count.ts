/**
 * How many worker threads keep `cores` cores busy until the last of `units` equal units of work
 * is done.
 *
 * With one thread per core, units run in rounds, and a last round shorter than the core count
 * leaves cores idle: 5 replications on 2 cores take 3 replications' time, where the work is 2.5.
 * Threads that share cores run in rounds too, each as long as its units share the cores, so the
 * cores stay busy to the end when every round, the last included, has at least `cores` units.
 * The smallest such count (5 on 2 cores: 3 threads, rounds of 3 and 2) keeps memory close to one
 * world per core; with `units` threads (one round) it always exists.
 */
export function threadsToFillCores(units: number, cores: number): number {
  if (units <= cores) return Math.max(1, units);
  for (let threads = cores; threads < units; threads++) {
    const last = units % threads;
    if (last === 0 || last >= cores) return threads;
  }
  return units;
}
