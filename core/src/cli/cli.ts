import { isProdsimError, ErrorCodes } from '../errors.js';
import { loadPlugins } from '../plugin/load-plugins.js';
import type { LoadedPlugin } from '../plugin/prodsim-plugin.js';
import { checkCommand } from './check-command.js';
import { courseCommand } from './course-report-command.js';
import type { CliCommand } from './cli-command.js';
import { print, type CliIo } from './cli-io.js';
import { pluginRequests } from './plugin-requests.js';
import { runCommand } from './run-command.js';
import type { RunCommandDeps } from './run-deps.js';

// Kept for importers of the old home of these types.
export type { CliCommand } from './cli-command.js';

export interface CliDeps extends RunCommandDeps {
  /** Further commands, registered explicitly by the composition root (its own and its plugins'). */
  commands?: Readonly<Record<string, CliCommand>>;
}

/** Commands the core itself answers; no package or plugin may take their names. */
export const CORE_COMMANDS = ['run', 'domains', 'check', 'course', 'help'];

export const MAIN_HELP = `prodsim: simulates the production world around an ML-enabled system.

Usage: prodsim <command> [options] [--plugin NAME|PATH ...]

Commands:
  run <domain>    run a simulation and print its summary (prodsim run --help)
  domains         list the registered domains and transports
  check <plugin>  run the conformance suites over a plugin's domains and transports
  course init     start a course offering: secret seed, tokens, course.yaml (prodsim course init --help)
  course report   grade each team from its stream (prodsim course report --help)`;

const PLUGIN_HELP = `Plugins: --plugin NAME|PATH (repeatable, on any command), PRODSIM_PLUGINS=a,b, or
plugins: [...] in the --config file load domains, transports, baselines and commands from
other packages; names resolve from this folder's node_modules.`;

const DOMAINS_HELP = `Usage: prodsim domains

Lists the domain plugins (with their versioned ids) and transports this build registers,
with those of the plugins given (--plugin, PRODSIM_PLUGINS).`;

/**
 * The prodsim command line with the plugins it names: loads them (--plugin, PRODSIM_PLUGINS, the
 * configuration file's plugins:), lets the composition root build the CLI's dependencies from
 * them, then runs the command. Returns the exit status; never throws for bad input.
 */
export function runCliWithPlugins(argv: string[], io: CliIo, compose: (plugins: readonly LoadedPlugin[]) => CliDeps | Promise<CliDeps>): Promise<number> {
  return guarded(io, async () => {
    const { argv: rest, requests } = pluginRequests(argv, io.env, io.cwd ?? process.cwd());
    return dispatch(rest, io, await compose(await loadPlugins(requests)));
  });
}

/** The prodsim command line, with dependencies already built. Returns the exit status; never throws for bad input. */
export function runCli(argv: string[], io: CliIo, deps: CliDeps): Promise<number> {
  return guarded(io, () => dispatch(argv, io, deps));
}

async function dispatch(argv: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  const extra = deps.commands ?? {};
  const help = [
    MAIN_HELP,
    ...Object.entries(extra).map(([name, c]) => `  ${name.padEnd(15)} ${c.description}`),
    '',
    PLUGIN_HELP,
    '',
    'Every command takes --help.',
  ].join('\n');
  if (command !== undefined && Object.hasOwn(extra, command)) return extra[command].run(rest, io);
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      print(io.stdout, help);
      return command === undefined ? 2 : 0;
    case 'run':
      return runCommand(rest, io, deps);
    case 'check':
      return checkCommand(rest, io);
    case 'course':
      return courseCommand(rest, io, deps);
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
}

/**
 * Codes that mean the user asked for something wrong (exit status 2), not that a run failed (1).
 * A package's error says so itself (`usage: true`): core knows none of their codes.
 */
const USAGE_CODES: readonly string[] = [
  ErrorCodes.USAGE,
  ErrorCodes.CONFIG_INVALID,
  ErrorCodes.CONFIG_FILE,
  ErrorCodes.DOMAIN_UNKNOWN,
  ErrorCodes.TRANSPORT_UNKNOWN,
  ErrorCodes.PLUGIN_NOT_FOUND,
  ErrorCodes.PLUGIN_INVALID,
  ErrorCodes.PLUGIN_INCOMPATIBLE,
  ErrorCodes.PLUGIN_DUPLICATE,
  ErrorCodes.CHECKPOINT_UNSUPPORTED,
  ErrorCodes.CHECKPOINT_INCOMPATIBLE,
  ErrorCodes.CHECKPOINT_CORRUPT,
];

/** Runs a command, turning a coded error into its message and exit status, anything else into a report of the unexpected. */
async function guarded(io: CliIo, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (isProdsimError(error)) {
      print(io.stderr, `prodsim: ${error.message} [${error.code}]`);
      return error.usage || USAGE_CODES.includes(error.code) ? 2 : 1;
    }
    print(io.stderr, `prodsim: unexpected failure: ${(error as Error)?.stack ?? error}`);
    return 1;
  }
}
