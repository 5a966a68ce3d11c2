import { Worker } from 'node:worker_threads';
import { ProdsimError, isErrorCode, type ErrorCode } from '@prodsim/core';
import type { ReplicationResult } from './run-replication.js';
import type { WorkUnit } from './work-units.js';

/** Where a worker thread finds its domains: the composition root's module and the outside plugins' URLs. */
export interface ThreadRoot {
  registryModule: string;
  plugins: readonly string[];
}

/** How a unit ended in its thread: its result, or the failure and whether it came while loading or running. */
export type ThreadOutcome = { ok: true; result: ReplicationResult } | { ok: false; phase: 'load' | 'run'; message: string; code?: ErrorCode };

/** A running unit: its outcome, and a way to stop it (the thread is terminated). */
export interface ThreadRun {
  outcome: Promise<ThreadOutcome>;
  stop(): Promise<void>;
}

/**
 * Runs one unit of work in a worker thread (replication-worker.ts), reporting each simulated day.
 * A thread that dies without a word (out of memory, terminated) is a failure while running.
 */
export function startThread(
  root: ThreadRoot,
  specInput: unknown,
  unit: WorkUnit,
  onDay: (day: number) => void,
  raw?: { dir: string; unit: string },
): ThreadRun {
  // Tests run from TypeScript sources; workers always run the compiled JavaScript.
  const url = new URL(import.meta.url.endsWith('.ts') ? '../../dist/runner/replication-worker.js' : './replication-worker.js', import.meta.url);
  // Workers load compiled packages: drop any "source" export condition a test runner added.
  const execArgv = process.execArgv.filter(
    (a, i, all) => !a.startsWith('--conditions') && !a.startsWith('-C') && !/^(--conditions|-C)$/.test(all[i - 1] ?? ''),
  );
  const worker = new Worker(url, { workerData: { ...root, specInput, replication: unit.replication, arm: unit.arm, raw }, execArgv });
  const outcome = new Promise<ThreadOutcome>((resolve) => {
    worker.on('message', (m: { type: string; day?: number; result?: ReplicationResult; message?: string; code?: string; phase?: 'load' | 'run' }) => {
      if (m.type === 'day') onDay(m.day!);
      else if (m.type === 'done') resolve({ ok: true, result: m.result! });
      else if (m.type === 'failed')
        resolve({ ok: false, phase: m.phase ?? 'run', message: m.message ?? 'failed', code: isErrorCode(m.code) ? m.code : undefined });
    });
    worker.on('error', (error) => resolve({ ok: false, phase: 'run', message: error.message }));
    worker.on('exit', (code) => resolve({ ok: false, phase: 'run', message: `worker thread exited with code ${code}` }));
  });
  return { outcome, stop: async () => void (await worker.terminate()) };
}

/** Runs a unit in a worker thread; a failure is thrown as it would be in this thread (a coded error keeps its code). */
export async function runInThread(
  root: ThreadRoot,
  specInput: unknown,
  unit: WorkUnit,
  name: string,
  onDay: (day: number) => void,
  raw?: { dir: string; unit: string },
): Promise<ReplicationResult> {
  const outcome = await startThread(root, specInput, unit, onDay, raw).outcome;
  if (outcome.ok) return outcome.result;
  throw outcome.code ? new ProdsimError(outcome.code, `replication ${name}: ${outcome.message}`) : new Error(`replication ${name}: ${outcome.message}`);
}
