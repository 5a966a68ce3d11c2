import { dataFields, restoreFields } from '@prodsim/core';
import type { MoviesState } from './world-state.js';

/**
 * The snapshot format of a movie world (`DomainPlugin.snapshotVersion`): raise it when what
 * `snapshotMovies` takes changes in a way an older checkpoint cannot fill.
 */
export const MOVIES_SNAPSHOT_VERSION = 4;

/** A movie world's snapshot: plain data, written to checkpoints by the V8 serializer. */
export interface MoviesSnapshot {
  created: number;
  samplerDirty: boolean;
  truthUpdateDays: number;
  pendingDrift: Record<string, unknown>;
  attacks: Record<string, unknown>;
  lines: Record<string, unknown>;
  population: Record<string, unknown>;
  watched: Record<string, unknown>;
  viewers: Record<string, unknown>;
  catalogue: Record<string, unknown>;
  slugs: Record<string, unknown>;
  truth: Record<string, unknown>;
  tasteOrigins: Record<string, unknown>;
  popularity: Record<string, unknown>;
  sampler: Record<string, unknown>;
  counters: Record<string, unknown>;
  planner: Record<string, unknown>;
}

/**
 * A movie world's whole state between two events, for checkpoints: every store the run changes
 * (users and their session state, the viewings under way, what they watched, their hidden taste
 * as it drifted and where it started, the catalogue with its releases, popularity, counters,
 * pending drift, attacks, the stream format),
 * taken field by field (`dataFields`) so that a field added to a store is in the snapshot too.
 * Left out, because the run does not change them: the activity profile, the MovieLens history and
 * co-viewing (built from the source), and caches rebuilt on use (line time stamps).
 */
export function snapshotMovies(s: MoviesState, planner: object): MoviesSnapshot {
  return {
    created: s.created,
    samplerDirty: s.samplerDirty,
    truthUpdateDays: s.truthUpdateDays,
    pendingDrift: s.pendingDrift,
    attacks: s.attacks,
    lines: dataFields(s.lines, ['stamps', 'microStamps']),
    population: dataFields(s.population, ['watched', 'viewers']),
    watched: dataFields(s.population.watched),
    viewers: dataFields(s.population.viewers),
    catalogue: dataFields(s.catalogue, ['registry']),
    slugs: dataFields(registryOf(s)),
    truth: dataFields(s.truth, ['coViewing', 'origins']),
    tasteOrigins: dataFields(s.truth.origins),
    popularity: dataFields(s.popularity, ['catalogue']),
    sampler: dataFields(s.sampler),
    counters: dataFields(s.counters),
    // The day planner's own state: its day count and the attack's pending fake ratings. Rating
    // visits keep none: a copy's calendar and entry point come from the source and the seed, the
    // movies that come to mind are drawn from the history, and a visit's ratings are queued events.
    planner: dataFields(planner, ['s', 'sessions', 'hooks', 'visits']),
  };
}

/** Puts a world just built from the same seed and configuration into a snapshot's state. */
export function restoreMovies(s: MoviesState, planner: object, snapshot: object): void {
  const m = snapshot as MoviesSnapshot;
  s.created = m.created;
  s.samplerDirty = m.samplerDirty;
  s.truthUpdateDays = m.truthUpdateDays;
  restoreFields(s.pendingDrift, m.pendingDrift);
  restoreFields(s.attacks, m.attacks);
  restoreFields(s.lines, m.lines);
  restoreFields(s.population, m.population);
  restoreFields(s.population.watched, m.watched);
  restoreFields(s.population.viewers, m.viewers);
  restoreFields(s.catalogue, m.catalogue);
  restoreFields(registryOf(s), m.slugs);
  restoreFields(s.truth, m.truth);
  restoreFields(s.truth.origins, m.tasteOrigins);
  restoreFields(s.popularity, m.popularity);
  restoreFields(s.sampler, m.sampler);
  restoreFields(s.counters, m.counters);
  restoreFields(planner, m.planner);
}

/** The catalogue's slug registry (which slugs are taken): private to the catalogue, part of its state. */
function registryOf(s: MoviesState): object {
  return (s.catalogue as unknown as { registry: object }).registry;
}
