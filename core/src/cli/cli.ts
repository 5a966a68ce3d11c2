import { isProdsimError, ErrorCodes } from '../errors.js';
import { print, type CliIo } from './cli-io.js';
import { runCommand, type RunCommandDeps } from './run-command.js';

/** A command a package adds to the CLI (e.g. `experiment` from @prodsim/experiments). */
export interface CliCommand {
  description: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export interface CliDeps extends RunCommandDeps {
  /** Further commands, registered explicitly by the composition root. */
  commands?: Readonly<Record<string, CliCommand>>;
}

export const MAIN_HELP = `prodsim: simulates the production world around an ML-enabled system.

Usage: prodsim <command> [options]

Commands:
  run <domain>    run a simulation and print its summary (prodsim run --help)
  domains         list the registered domains and transports`;

const DOMAINS_HELP = `Usage: prodsim domains

Lists the domain plugins (with their versioned ids) and transports this build registers.`;

/** The prodsim command line. Returns the exit status; never throws for bad input. */
export async function runCli(argv: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  const extra = deps.commands ?? {};
  const help = [MAIN_HELP, ...Object.entries(extra).map(([name, c]) => `  ${name.padEnd(15)} ${c.description}`), '', 'Every command takes --help.'].join('\n');
  try {
    if (command !== undefined && Object.hasOwn(extra, command)) return await extra[command].run(rest, io);
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        print(io.stdout, help);
        return command === undefined ? 2 : 0;
      case 'run':
        return await runCommand(rest, io, deps);
      case 'domains':
        if (rest.includes('--help') || rest.includes('-h')) {
          print(io.stdout, DOMAINS_HELP);
          return 0;
        }
        print(io.stdout, 'Domains:');
        for (const p of deps.domains.list()) print(io.stdout, `  ${p.id.padEnd(14)} ${p.description}`);
        print(io.stdout, 'Transports:');
        for (const t of deps.transports.list()) print(io.stdout, `  ${t.name.padEnd(14)} ${t.description}`);
        return 0;
      default:
        print(io.stderr, `prodsim: unknown command "${command}"\n\n${help}`);
        return 2;
    }
  } catch (error) {
    if (isProdsimError(error)) {
      print(io.stderr, `prodsim: ${error.message} [${error.code}]`);
      const usage = error.code === ErrorCodes.USAGE || error.code === ErrorCodes.CONFIG_INVALID || error.code === ErrorCodes.CONFIG_FILE || error.code === ErrorCodes.DOMAIN_UNKNOWN || error.code === ErrorCodes.TRANSPORT_UNKNOWN;
      return usage ? 2 : 1;
    }
    print(io.stderr, `prodsim: unexpected failure: ${(error as Error)?.stack ?? error}`);
    return 1;
  }
}
