import { availableParallelism } from 'node:os';
import type { DomainPlugin, PluginBaseline } from '@prodsim/core';
import { runReplication } from './run-replication.js';
import { threadsToFillCores } from './thread-count.js';
import { runInThread, type ThreadRoot } from './thread-unit.js';
import type { UnitCallbacks, UnitExecutor, UnitJob } from './unit-executor.js';

/**
 * Runs the jobs in up to `workers` parallel worker threads, each job in a fresh thread; with
 * 'cores', in as many as keep every core busy to the last job (threadsToFillCores).
 */
export function threadExecutor(workers: number | 'cores', root: ThreadRoot): UnitExecutor {
  return {
    async run(jobs: readonly UnitJob[], callbacks: UnitCallbacks): Promise<void> {
      const queue = [...jobs];
      const threads = workers === 'cores' ? threadsToFillCores(queue.length, availableParallelism()) : Math.min(workers, queue.length);
      const lanes = Array.from({ length: threads }, async () => {
        for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
          const current = job;
          const result = await runInThread(root, current.specInput, current.unit, current.label, (day) => callbacks.day(current, day), current.raw);
          callbacks.done(current, result);
        }
      });
      await Promise.all(lanes);
    },
  };
}

/** Runs the jobs one after another in this thread (no worker threads: tests, debugging). */
export function inProcessExecutor(plugin: DomainPlugin, baselines: readonly PluginBaseline[] = []): UnitExecutor {
  return {
    async run(jobs: readonly UnitJob[], callbacks: UnitCallbacks): Promise<void> {
      for (const job of jobs) {
        const result = await runReplication(job.spec, plugin, job.unit.replication, (day) => callbacks.day(job, day), job.unit.arm, job.raw, baselines);
        callbacks.done(job, result);
      }
    },
  };
}
