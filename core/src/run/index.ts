export { Simulation } from './simulation.js';
export type { SimulationOptions } from './simulation.js';
export type { CheckpointWriter, SimulationState } from './simulation-state.js';
export { formatSummary } from './run-summary.js';
export type { OutputKept, RunSummary } from './run-summary.js';
export { describeFailure, runFailure } from './run-failure.js';
export type { RunFailure } from './run-failure.js';
export { runConfigFields, runSchemaFor, speedSchema } from './run-config.js';
export type { RunConfig, RunConfigBase, Speed } from './run-config.js';
