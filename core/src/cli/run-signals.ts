import { print, type CliIo } from './cli-io.js';

/** What the two stages of stopping are told to the user: what the run waits for, and what the second signal dropped. */
export interface StopMessages {
  /** Printed at the first SIGINT or SIGTERM: the run stops at the next event, then waits for its outputs. */
  stopping(signal: string): string;
  /** Printed at the second: the run stops waiting for the transport. */
  abandoning(signal: string): string;
}

/**
 * Runs `work` with two abort signals tied to SIGINT and SIGTERM. The first signal asks the run to
 * stop cleanly (`stop`: at the next event, then flush, checkpoint, summary) and says what it waits
 * for; a second asks it to stop waiting for the transport (`abandon`: what the broker has not
 * taken is dropped, the event file still gets its tail) and removes the handlers, so that a third
 * ends the process at once. The handlers are removed when the work is done.
 */
export async function untilSignal<T>(
  io: CliIo,
  work: (signals: { stop: AbortSignal; abandon: AbortSignal }) => Promise<T>,
  messages?: StopMessages,
): Promise<{ result: T; signalled: string | undefined }> {
  const stop = new AbortController();
  const abandon = new AbortController();
  let signalled: string | undefined;
  const onSignal = (name: string) => () => {
    if (!signalled) {
      signalled = name;
      stop.abort();
      if (messages) print(io.stderr, messages.stopping(name));
    } else if (!abandon.signal.aborted) {
      abandon.abort();
      if (messages) print(io.stderr, messages.abandoning(name));
      // A third signal meets the process's default handling (it ends at once): nothing is left to wait for politely.
      release();
    }
  };
  const release = () => {
    io.signals?.removeListener('SIGINT', onInt);
    io.signals?.removeListener('SIGTERM', onTerm);
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  io.signals?.on('SIGINT', onInt);
  io.signals?.on('SIGTERM', onTerm);
  try {
    return { result: await work({ stop: stop.signal, abandon: abandon.signal }), signalled };
  } finally {
    release();
  }
}
