import type { CliIo } from './cli-io.js';

/** A command a package or plugin adds to the CLI (e.g. `experiment` from @prodsim/experiments). */
export interface CliCommand {
  description: string;
  run(argv: string[], io: CliIo): Promise<number>;
}
