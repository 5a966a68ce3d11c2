import { createInterface } from 'node:readline';
import { ConfigError, ErrorCodes, ProdsimError, isProdsimError } from '../errors.js';
import { errorLine, helloLine, parseStepMessage, replyLine } from '../gym/step-protocol.js';
import { REWARDS, type RewardKind } from '../gym/step-rewards.js';
import { SteppingWorld, type SteppingOptions } from '../gym/stepping-world.js';
import { print, type CliIo } from './cli-io.js';
import type { CliCommand } from './cli-command.js';
import { prepareRun } from './run-command.js';
import type { RunCommandDeps } from './run-deps.js';

export const GYM_HELP = `Usage: prodsim gym <domain> [run options] [--reward R] [--candidates N] [--history N]

Runs a world under the step protocol, for reinforcement learning (Python: prodsim.gym.SlateEnv):
the world's slate endpoint is answered, one request at a time, by actions read from stdin, and
each reply on stdout carries the next asking user's observation and the reward. One JSON object
per line each way:

  in:  {"op":"reset","seed":"7"}  {"op":"step","items":[3,1,4]}  {"op":"close"}
  out: {"type":"hello",...} first, then {"type":"step","observation":..,"reward":..,
       "terminated":..,"truncated":..,"info":..} per reset and step, or {"type":"error",..}

Options (besides prodsim run's --days, --users, --seed, --start, --deadline-ms, --config, --set):
  --reward R        what a step earns from the consumption its slate led to: chosen (1 if the
                    user took an item from it; default), engagement (as the domain reports it,
                    e.g. minutes watched) or value (the item's hidden true value to the user)
  --candidates N    items offered to the policy per request (default 100, at most the catalogue)
  --history N       the user's last consumed items in the observation (default 10)
  -h, --help        this help

The run is in memory at full speed (no --speed, --out, --transport, --predictor, --baseline,
--api-port or teams): replies depend only on the seed and the actions.`;

const GYM_FLAGS = ['reward', 'candidates', 'history'] as const;
type GymFlag = (typeof GYM_FLAGS)[number];

export interface GymCommandDeps extends RunCommandDeps {
  /** Where actions come from (process.stdin for the CLI). */
  stdin: NodeJS.ReadableStream;
}

export function gymCommand(deps: GymCommandDeps): CliCommand {
  return {
    description: 'step a world from outside, one request at a time (reinforcement learning; prodsim gym --help)',
    run: (argv, io) => runGym(argv, io, deps),
  };
}

async function runGym(argv: string[], io: CliIo, deps: GymCommandDeps): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    print(io.stdout, GYM_HELP);
    return 0;
  }
  const { flags, rest } = takeGymFlags(argv);
  const prepared = prepareRun(rest, io, deps);
  const { config } = prepared;
  const refuse = (what: string) =>
    new ProdsimError(ErrorCodes.USAGE, `prodsim gym runs in memory at full speed, so ${what} does not apply (see prodsim gym --help)`);
  if (config.speed !== 'fast') throw refuse('--speed');
  if (config.out !== undefined) throw refuse('--out');
  if (config.transport.name !== 'memory') throw refuse('--transport');
  if (config.teams) throw refuse('course mode (teams)');
  if (config.predictor.url !== undefined || config.predictor.baseline !== undefined)
    throw refuse('a predictor (--predictor, --baseline): the actions are the predictor');
  if (prepared.api || config.api.port !== undefined) throw refuse('--api-port');
  const options: SteppingOptions = {
    plugin: prepared.plugin,
    config: { ...config, progress: false },
    domainConfig: prepared.domainConfig,
    reward: parseReward(flags.reward),
    candidates: parseCount('candidates', flags.candidates, 100, 1),
    history: parseCount('history', flags.history, 10, 0),
  };

  const write = (line: string) => io.stdout.write(`${line}\n`);
  let world = await SteppingWorld.create(options, config.seed);
  let started = false;
  write(helloLine(world.spaces));
  const lines = createInterface({ input: deps.stdin, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      try {
        const message = parseStepMessage(line);
        if (message.op === 'close') break;
        if (message.op === 'reset') {
          const seed = message.seed ?? config.seed;
          if (started || seed !== world.spaces.seed) {
            await world.close();
            world = await SteppingWorld.create(options, seed);
          }
          started = true;
          write(replyLine(await world.start()));
        } else {
          if (!started) throw new ProdsimError(ErrorCodes.USAGE, 'step before reset: send {"op":"reset"} first');
          write(replyLine(await world.step(message.items)));
        }
      } catch (error) {
        // A bad message is answered and the session goes on; the caller decides what to do.
        if (isProdsimError(error)) write(errorLine(error.code, error.message));
        else write(errorLine(ErrorCodes.SCHEDULER_HANDLER, `the world failed: ${(error as Error)?.message ?? error}`));
      }
    }
  } finally {
    lines.close();
    await world.close();
  }
  return 0;
}

/** Splits the gym's own flags from the run options (which prepareRun parses strictly). */
function takeGymFlags(argv: string[]): { flags: Partial<Record<GymFlag, string>>; rest: string[] } {
  const flags: Partial<Record<GymFlag, string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(reward|candidates|history)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      rest.push(argv[i]);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new ProdsimError(ErrorCodes.USAGE, `--${m[1]} takes a value (see prodsim gym --help)`);
    flags[m[1] as GymFlag] = value;
  }
  return { flags, rest };
}

function parseReward(text: string | undefined): RewardKind {
  if (text === undefined) return 'chosen';
  if ((REWARDS as readonly string[]).includes(text)) return text as RewardKind;
  throw new ConfigError('reward', text, REWARDS.join(', '));
}

function parseCount(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > 100_000) throw new ConfigError(name, text, `a whole number from ${min} to 100000`);
  return n;
}
