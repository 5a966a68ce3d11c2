import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { CORE_VERSION, ErrorCodes, ProdsimError, print, type CliCommand, type CliIo } from '@prodsim/core';
import { parseQueueUrl } from '../runner/queue/queue-address.js';
import { QueueWorker } from '../runner/queue/queue-worker.js';

export const WORKER_HELP = `Usage: prodsim worker --nats nats://host:port[/queue] [options]

Runs experiment jobs from a JetStream work queue: the replications (and sweep points) that
\`prodsim experiment run SPEC --queue nats://...\` publishes. Each job runs in a worker thread
with the plugins the job names (their module paths must exist on this machine too: the same
image or checkout as the coordinator's); its result goes to the queue's object store. Start as
many workers as you like, on any machine that reaches the server. A worker of another prodsim
version refuses the jobs, and the coordinator stops with PRODSIM_ERR_QUEUE_VERSION.

SIGINT or SIGTERM stops the worker cleanly: its running jobs go back to the queue at once. A
worker that dies (SIGKILL, out of memory) loses its jobs to other workers after the ack wait.

Options:
  --nats URL         the queue's server and name (default queue: "default")
  --concurrency N    jobs at once, each in its own thread (default: the number of cores)
  -h, --help         this help`;

export interface WorkerCommandDeps {
  /** The composition root's registry module: each job's thread builds its registries from it. */
  registryModule: string;
  /** The version the worker announces (default: the core's). */
  version?: string;
}

export function workerCommand(deps: WorkerCommandDeps): CliCommand {
  return {
    description: 'run experiment jobs from a NATS JetStream queue (prodsim worker --help)',
    run: (argv, io) => runWorkerCommand(argv, io, deps),
  };
}

async function runWorkerCommand(argv: string[], io: CliIo, deps: WorkerCommandDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { nats: { type: 'string' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.USAGE, `${(cause as Error).message} (see prodsim worker --help)`, { cause });
  }
  const { values } = parsed;
  if (values.help) {
    print(io.stdout, WORKER_HELP);
    return 0;
  }
  if (values.nats === undefined) throw new ProdsimError(ErrorCodes.USAGE, 'prodsim worker needs --nats nats://host:port[/queue] (see prodsim worker --help)');
  const address = parseQueueUrl(values.nats, '--nats');
  const concurrency = values.concurrency === undefined ? availableParallelism() : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new ProdsimError(ErrorCodes.USAGE, `--concurrency takes a whole number >= 1, got ${values.concurrency}`);
  const worker = new QueueWorker({
    address,
    concurrency,
    registryModule: deps.registryModule,
    version: deps.version ?? CORE_VERSION,
    log: (line) => print(io.stdout, line),
  });
  const stop = (signal: string) => {
    print(io.stdout, `worker ${worker.name}: ${signal}: stopping; running jobs go back to the queue`);
    void worker.stop();
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  io.signals?.once('SIGINT', onInt);
  io.signals?.once('SIGTERM', onTerm);
  try {
    await worker.run();
  } finally {
    io.signals?.removeListener('SIGINT', onInt);
    io.signals?.removeListener('SIGTERM', onTerm);
  }
  print(io.stdout, `worker ${worker.name}: stopped`);
  return 0;
}
