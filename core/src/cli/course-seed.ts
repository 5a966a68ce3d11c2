import { readFileSync, statSync } from 'node:fs';
import { ConfigError, ErrorCodes, ProdsimError } from '../errors.js';

/** The run seed when none is given: public (every README example runs on it). */
export const DEFAULT_SEED = '42';

/** Below this many characters a course seed could be guessed by trying: said, not refused. */
const WEAK_SEED_CHARS = 16;

/**
 * Reads `seedFile` (`--seed-file`, or `seedFile:` in the configuration, relative to that file)
 * into `seed`: course staff keep the secret in a file only they can read, so that the course
 * configuration itself can be shared. Giving both is a usage error.
 */
export function readSeedFile(merged: Record<string, unknown>): void {
  const file = merged.seedFile;
  if (file === undefined) return;
  if (typeof file !== 'string' || file === '') throw new ConfigError('seedFile', file, 'the path of a file that holds the run seed');
  if (merged.seed !== undefined) throw new ProdsimError(ErrorCodes.USAGE, 'seed and seedFile (--seed-file) both give the run seed: give one');
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.USAGE, `seedFile ${file}: cannot read the seed: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
      cause,
    });
  }
  if (text === '') throw new ProdsimError(ErrorCodes.USAGE, `seedFile ${file}: the file is empty; it should hold the run seed`);
  merged.seed = text;
}

/**
 * Course mode runs every team's hidden world from `<seed>/<team>`: on a public seed a student
 * reruns their own team's world byte for byte (`prodsim run movies --seed 42/team01`). So a course
 * needs a seed that is given and not the default; one that is short, or a seed file others may
 * read, is said on stderr (`warn`).
 */
export function checkCourseSeed(merged: Record<string, unknown>, warn: (message: string) => void): void {
  if (merged.teams === undefined) return;
  const seed = merged.seed;
  if (seed === undefined || String(seed) === DEFAULT_SEED) {
    throw new ProdsimError(
      ErrorCodes.USAGE,
      `course mode needs a secret seed: with ${seed === undefined ? 'no seed, the default' : 'the default seed'} (${DEFAULT_SEED}) every student can rerun their team's hidden world; ` +
        'give one with --seed-file FILE (or seedFile: in the configuration), PRODSIM_SEED or --seed; prodsim course init DIR writes one',
    );
  }
  if (String(seed).length < WEAK_SEED_CHARS) {
    warn(`course mode: the seed has ${String(seed).length} characters; a secret of at least ${WEAK_SEED_CHARS} random characters cannot be guessed by trying`);
  }
  const file = merged.seedFile;
  if (typeof file === 'string' && (statSync(file).mode & 0o077) !== 0) {
    warn(`course mode: the seed file ${file} can be read by others than its owner; chmod 600 it`);
  }
}
