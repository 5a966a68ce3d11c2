import type { CliIo } from './cli-io.js';

/**
 * Runs `work` with an abort signal tied to SIGINT and SIGTERM: the first signal asks the run to
 * stop cleanly (flush, summary); the handlers are removed when the work is done.
 */
export async function untilSignal<T>(io: CliIo, work: (signal: AbortSignal) => Promise<T>): Promise<{ result: T; signalled: string | undefined }> {
  const controller = new AbortController();
  let signalled: string | undefined;
  const onSignal = (name: string) => () => {
    if (signalled) return;
    signalled = name;
    controller.abort();
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  io.signals?.once('SIGINT', onInt);
  io.signals?.once('SIGTERM', onTerm);
  try {
    return { result: await work(controller.signal), signalled };
  } finally {
    io.signals?.removeListener('SIGINT', onInt);
    io.signals?.removeListener('SIGTERM', onTerm);
  }
}
