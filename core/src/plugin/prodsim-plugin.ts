import type { CliCommand } from '../cli/cli-command.js';
import type { DomainPlugin, DomainWorld } from '../domain/domain-plugin.js';
import type { InteractionObserver } from '../observe/interaction-observer.js';
import type { Predictor } from '../prediction/predictor.js';
import type { TransportFactory } from '../transport/transport.js';

/**
 * What one npm package (or one file) adds to prodsim: domains, transports, baselines for
 * `prodsim run --baseline` and experiment arms, and CLI commands. Plain data and functions: the composition root
 * (bin/) loads built-in and outside plugins the same way and wires them into its container;
 * nothing in a plugin knows about the container.
 *
 * A module provides its plugin as its default export or as a named export `plugin`.
 */
export interface ProdsimPlugin {
  /** The package's name, e.g. `prodsim-plugin-newsroom`: errors and `prodsim check` name it. */
  readonly name: string;
  /** The package's version (`x.y.z`). */
  readonly version: string;
  /** The range of @prodsim/core versions this plugin works with, e.g. `^0.1.0`. */
  readonly coreVersion: string;
  readonly domains?: readonly DomainPlugin[];
  readonly transports?: readonly TransportFactory<any>[];
  readonly baselines?: readonly PluginBaseline[];
  /** Commands the plugin adds: `prodsim <name> ...`. Names may not shadow another command. */
  readonly commands?: Readonly<Record<string, CliCommand>>;
}

/**
 * A predictor `prodsim run --baseline <name>` and experiment arms (`predictor: <name>`) can use
 * instead of the domain's default (in an experiment, one per arm, created with `<seed>/<arm>`): it learns
 * from the world's interactions through `observer` (wired in before the world is built) and
 * answers through `predictor(world)`, made once the world exists.
 */
export interface PluginBaseline {
  /** Lowercase letters, digits and dashes, e.g. `recency`. */
  readonly name: string;
  readonly description: string;
  create(seed: string): { observer: InteractionObserver; predictor(world: DomainWorld): Predictor };
}

/** A plugin as the loader found it: where it came from, for error messages and worker threads. */
export interface LoadedPlugin {
  readonly plugin: ProdsimPlugin;
  /** The file URL of the module it was imported from (workers import the same). */
  readonly url: string;
  /** What the user wrote, and where: `--plugin ./x`, `PRODSIM_PLUGINS`, `plugins: in run.yaml`. */
  readonly source: string;
}
