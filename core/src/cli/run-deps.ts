import type { DomainPlugin, DomainWorld } from '../domain/domain-plugin.js';
import type { DomainRegistry } from '../domain/domain-registry.js';
import type { InteractionObserver } from '../observe/interaction-observer.js';
import type { Predictor } from '../prediction/predictor.js';
import type { RunConfigBase } from '../run/run-config.js';
import type { TransportRegistry } from '../transport/transport-registry.js';

// What `prodsim run` needs from the composition root, and what it hands on to course mode: kept
// apart from both commands so that neither imports the other for its types.

export interface RunCommandDeps {
  domains: DomainRegistry;
  transports: TransportRegistry;
  /** Makes the predictor for `--predictor URL` (the HTTP predictor lives outside the run loop's core). */
  httpPredictor?: (url: string) => Predictor;
  /** The built-in predictors `--baseline NAME` picks from (the composition root passes @prodsim/experiments' set). */
  baselines?: RunBaselines;
}

/**
 * Built-in recommenders a plain run can use instead of the domain's default predictor. They live
 * outside core (in @prodsim/experiments); the composition root injects them here.
 */
export interface RunBaselines {
  /** What `--baseline` accepts besides `default`. */
  readonly names: readonly string[];
  /** Baselines that exist but must not answer a plain run, each with the reason (the oracle). */
  readonly refused?: Readonly<Record<string, string>>;
  /**
   * A baseline learns from the world's interactions through `observer` (wired into the world as
   * it is built), and answers through `predictor(world)`, made once the world exists (it needs
   * the world's research probe and its default predictor for the other endpoints).
   */
  create(name: string, seed: string): { observer: InteractionObserver; predictor(world: DomainWorld): Predictor };
}

export interface PreparedRun {
  config: RunConfigBase;
  domainConfig: unknown;
  plugin: DomainPlugin;
}
