export { runCli, MAIN_HELP } from './cli.js';
export type { CliCommand, CliDeps } from './cli.js';
export { runCommand, prepareRun, RUN_HELP } from './run-command.js';
export type { RunCommandDeps, RunBaselines, PreparedRun } from './run-command.js';
export type { CliIo } from './cli-io.js';
export { print } from './cli-io.js';
export { ProgressBar } from './progress-bar.js';
export { gymCommand, GYM_HELP } from './gym-command.js';
export type { GymCommandDeps } from './gym-command.js';
