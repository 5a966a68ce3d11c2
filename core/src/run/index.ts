export { Simulation } from './simulation.js';
export type { SimulationOptions } from './simulation.js';
export type { CheckpointWriter, SimulationState } from './simulation-state.js';
export { formatSummary } from './run-summary.js';
export type { RunFailure, RunSummary } from './run-summary.js';
export { runConfigFields, runSchemaFor, speedSchema } from './run-config.js';
export type { RunConfig, RunConfigBase, Speed } from './run-config.js';
