import type { ApiServer } from '../api/api-server.js';
import { print, type CliIo } from './cli-io.js';

/**
 * `--linger`: once the simulated span has ended, the entity API (and any stream route on it)
 * keeps serving the final world until the run is stopped (Ctrl-C, SIGTERM). Teams collect the
 * stream in fast-forward and then fetch the catalogue, which otherwise goes away with the run.
 * Returns whether it lingered (a signal then is how a lingering run ends, not an interruption).
 */
export async function lingerAfterRun(server: ApiServer | undefined, signal: AbortSignal, ended: boolean, io: CliIo): Promise<boolean> {
  if (!server || !ended || signal.aborted) return false;
  print(io.stderr, `simulated span over: the entity API keeps serving the final world on ${server.url} until Ctrl-C (--linger)`);
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  return true;
}
