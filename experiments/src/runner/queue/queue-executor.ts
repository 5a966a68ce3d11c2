import { CORE_VERSION, ProdsimError, isErrorCode } from '@prodsim/core';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { KvWatchInclude, type KvEntry } from '@nats-io/kv';
import type { Subscription } from '@nats-io/transport-node';
import { decodeResult } from '../result-codec.js';
import type { UnitCallbacks, UnitExecutor, UnitJob } from '../unit-executor.js';
import { parseQueueUrl, type QueueAddress } from './queue-address.js';
import { DEFAULT_ACK_WAIT_MS, MAX_DELIVER, openQueue, type QueueConnection } from './queue-connection.js';
import { QueueError, QueueErrorCodes } from './queue-errors.js';
import { JOB_PROTOCOL, decodeStatus, encodeJson, experimentKey, jobId, type QueueJob, type UnitStatus } from './queue-job.js';
import { downloadRaw } from './raw-transfer.js';

export interface QueueExecutorOptions {
  /** nats://host:port[/queue] */
  url: string;
  /** Module URLs of the outside plugins the coordinator loaded: they travel with every job. */
  plugins?: readonly string[];
  /** The queue's ack wait (default 30 s): a worker silent this long loses its job to another. */
  ackWaitMs?: number;
  /** This coordinator's prodsim version (default: the core's); workers of another refuse its jobs. */
  version?: string;
  /** Lines worth telling the user: jobs queued, results found in the store, jobs delivered again. */
  onNotice?: (line: string) => void;
  /** Stops waiting (Ctrl-C): the jobs stay queued and a rerun collects their results. */
  signal?: AbortSignal;
  /** After this long without any word from a worker, say so once (default 15 s). */
  idleNoticeMs?: number;
}

/**
 * Runs units on `prodsim worker` processes through a JetStream work queue (the coordinator's
 * side). Each unit becomes one job, keyed by the experiment (spec, plugins, raw data, version)
 * and unit, so the same experiment run again finds what is already done: finished units are
 * taken from the result store, units a live worker is running are left to it, and the rest are
 * (re)queued. Then it follows the units' states until every one is done. The first failure
 * (a worker that cannot load the spec, of another version, a job no worker survives) rejects,
 * after taking the experiment's remaining jobs off the queue; nothing is aggregated then.
 */
export function queueExecutor(options: QueueExecutorOptions): UnitExecutor {
  const address = parseQueueUrl(options.url);
  return { run: (jobs, callbacks) => new Coordination(address, options, jobs, callbacks).run() };
}

class Coordination {
  private readonly version: string;
  private readonly ackWaitMs: number;
  private readonly byId = new Map<string, { job: UnitJob; queued: QueueJob }>();
  private readonly pending = new Set<string>();
  private readonly collecting = new Set<string>();
  private readonly redeliveries = new Set<string>();
  private conn: QueueConnection | undefined;
  private settle: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  private settled = false;
  private heard = false;

  constructor(
    private readonly address: QueueAddress,
    private readonly options: QueueExecutorOptions,
    jobs: readonly UnitJob[],
    private readonly callbacks: UnitCallbacks,
  ) {
    this.version = options.version ?? CORE_VERSION;
    this.ackWaitMs = options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    const keyOf = new Map<unknown, string>();
    for (const job of jobs) {
      const raw = job.raw !== undefined;
      const key = keyOf.get(job.specInput) ?? experimentKey(job.specInput, options.plugins ?? [], raw, this.version);
      keyOf.set(job.specInput, key);
      const id = jobId(key, job.unit);
      this.byId.set(id, {
        job,
        queued: {
          protocol: JOB_PROTOCOL,
          prodsim: this.version,
          id,
          label: job.label,
          specInput: job.specInput,
          unit: job.unit,
          plugins: [...(options.plugins ?? [])],
          ...(raw ? { raw: job.raw!.unit } : {}),
          ackWaitMs: this.ackWaitMs,
        },
      });
      this.pending.add(id);
    }
  }

  private notice(line: string): void {
    this.options.onNotice?.(line);
  }

  async run(): Promise<void> {
    this.options.signal?.throwIfAborted();
    const conn = await openQueue(this.address, { name: 'prodsim coordinator', ackWaitMs: this.ackWaitMs });
    this.conn = conn;
    const finished = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Updates only, watched before the states are read: nothing that happens in between is missed.
    const watch = await conn.status.watch({ key: '>', include: KvWatchInclude.UpdatesOnly });
    void (async () => {
      for await (const entry of watch) this.onEntry(entry);
    })().catch((error) => this.fail(error));
    const advisories = this.watchAbandoned(conn);
    const onAbort = () =>
      this.fail(
        new QueueError(
          QueueErrorCodes.INTERRUPTED,
          `stopped before every job was done: ${this.pending.size} stay queued on ${this.address.url} and the workers go on with them; run the same command again to collect their results`,
        ),
        false,
      );
    this.options.signal?.addEventListener('abort', onAbort, { once: true });
    let idle: NodeJS.Timeout | undefined;
    try {
      await this.queueMissing(conn).then(
        () => (this.pending.size === 0 ? this.succeed() : undefined),
        (error: unknown) => this.fail(error),
      );
      idle = setTimeout(() => {
        if (!this.heard && !this.settled)
          this.notice(`no worker has answered yet; start some with: prodsim worker --nats ${this.address.url} (same prodsim version, same plugins)`);
      }, this.options.idleNoticeMs ?? 15_000);
      await finished;
    } finally {
      clearTimeout(idle);
      this.options.signal?.removeEventListener('abort', onAbort);
      watch.stop();
      advisories.unsubscribe();
      await conn.close();
    }
  }

  /** Takes what is done from the store, leaves what a live worker runs, and queues the rest. */
  private async queueMissing(conn: QueueConnection): Promise<void> {
    let queued = 0;
    let stored = 0;
    let alive = 0;
    for (const [id, { queued: message }] of this.byId) {
      if (this.settled) return;
      const entry = await conn.status.get(id);
      const status = entry?.operation === 'PUT' ? decodeStatus(entry.value) : undefined;
      if (status?.state === 'done') {
        stored++;
        await this.collect(id, status);
        continue;
      }
      // A worker refreshes its unit's state within every ack wait: a fresh "running" is a live job.
      if (status?.state === 'running' && Date.now() - entry!.created.getTime() < this.ackWaitMs) {
        alive++;
        continue;
      }
      // Anything left of an earlier attempt (a job given up after MAX_DELIVER deliveries) goes first.
      await this.drop(conn, id);
      await conn.js.publish(`${this.address.jobs}.${id}`, encodeJson(message));
      queued++;
    }
    const parts = [`${queued} jobs queued on ${this.address.url} (queue ${this.address.queue})`];
    if (stored > 0) parts.push(`${stored} results taken from the queue's result store`);
    if (alive > 0) parts.push(`${alive} still running on workers`);
    this.notice(parts.join('; '));
  }

  private onEntry(entry: KvEntry): void {
    const id = entry.key;
    if (!this.pending.has(id) || entry.operation !== 'PUT') return;
    const status = decodeStatus(entry.value);
    if (!status) return;
    this.heard = true;
    const { job } = this.byId.get(id)!;
    switch (status.state) {
      case 'running':
        if (status.delivery > 1 && !this.redeliveries.has(`${id}/${status.delivery}`)) {
          this.redeliveries.add(`${id}/${status.delivery}`);
          this.notice(
            `job ${job.label} is running again (delivery ${status.delivery}) on worker ${status.worker}: an earlier worker stopped before finishing it`,
          );
        }
        this.callbacks.day(job, status.day);
        return;
      case 'done':
        void this.collect(id, status).catch((error) => this.fail(error));
        return;
      case 'failed':
        this.fail(failure(job.label, status));
        return;
      case 'refused':
        this.fail(
          new QueueError(
            QueueErrorCodes.VERSION,
            `worker ${status.worker} runs prodsim ${status.prodsim} (job protocol ${status.protocol}) and refused job ${job.label} of this coordinator, prodsim ${this.version} (protocol ${JOB_PROTOCOL}): its results could differ. Run workers of this same build (the same container image)`,
          ),
        );
    }
  }

  /** A finished unit: its result (and raw files) from the store, handed to the runner once. */
  private async collect(id: string, status: Extract<UnitStatus, { state: 'done' }>): Promise<void> {
    if (this.collecting.has(id) || !this.pending.has(id)) return;
    this.collecting.add(id);
    const conn = this.conn!;
    const { job } = this.byId.get(id)!;
    const bytes = await conn.results.getBlob(id);
    if (!bytes)
      throw new QueueError(
        QueueErrorCodes.RESULT,
        `job ${job.label} is marked done by worker ${status.worker} but its result is not in the store (expired?); run again with --fresh`,
      );
    const result = decodeResult(new TextDecoder().decode(bytes));
    if (result.replication !== job.unit.replication || (job.unit.arm !== undefined) !== (result.arm !== undefined))
      throw new QueueError(
        QueueErrorCodes.RESULT,
        `the stored result of job ${job.label} is not that unit's (replication ${result.replication}${result.arm ? `, arm ${result.arm}` : ''})`,
      );
    if (job.raw) await downloadRaw(conn.results, id, status.raw, job.raw.dir);
    if (this.settled) return;
    this.pending.delete(id);
    this.callbacks.done(job, result);
    if (this.pending.size === 0) this.succeed();
  }

  /** A job delivered MAX_DELIVER times without an acknowledgement: the server says so in an advisory. */
  private watchAbandoned(conn: QueueConnection): Subscription {
    const subject = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${this.address.stream}.${this.address.consumer}`;
    return conn.nc.subscribe(subject, {
      callback: (_error, msg) => {
        void (async () => {
          const advisory = msg.json<{ stream_seq?: number }>();
          if (typeof advisory.stream_seq !== 'number') return;
          const stored = await conn.jsm.streams.getMessage(this.address.stream, { seq: advisory.stream_seq });
          const id = stored?.subject.slice(this.address.jobs.length + 1);
          if (id === undefined || !this.pending.has(id)) return;
          this.fail(
            new QueueError(
              QueueErrorCodes.ABANDONED,
              `job ${this.byId.get(id)!.job.label} was delivered ${MAX_DELIVER} times and never finished: every worker that took it died or let it go (out of memory? killed?). The workers' logs may say why; run the same command again to retry it`,
            ),
          );
        })().catch(() => {});
      },
    });
  }

  /**
   * Deletes a job's message from the stream, if it is there. One message by sequence, never a
   * purge by subject: nats-server 2.9 moves a consumer past messages a filtered purge left, so
   * other jobs queued behind would never be delivered.
   */
  private async drop(conn: QueueConnection, id: string): Promise<void> {
    let stored;
    try {
      stored = await conn.jsm.streams.getMessage(this.address.stream, { last_by_subj: `${this.address.jobs}.${id}` });
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.NoMessageFound) return;
      throw error;
    }
    if (stored) await conn.jsm.streams.deleteMessage(this.address.stream, stored.seq, false);
  }

  private succeed(): void {
    if (this.settled) return;
    this.settled = true;
    this.settle?.resolve();
  }

  /** Rejects once; unless interrupted, takes the experiment's jobs not done off the queue first. */
  private fail(error: unknown, purge = true): void {
    if (this.settled) return;
    this.settled = true;
    const conn = this.conn;
    void (async () => {
      if (purge && conn) for (const id of this.pending) await this.drop(conn, id).catch(() => {});
      this.settle?.reject(error);
    })();
  }
}

/** A worker's failure as the coordinator reports it: a spec it cannot load, or the run's own coded error. */
function failure(label: string, status: Extract<UnitStatus, { state: 'failed' }>): ProdsimError {
  const code = status.code && isErrorCode(status.code) ? status.code : undefined;
  if (status.phase === 'load')
    return new QueueError(QueueErrorCodes.SPEC, `worker ${status.worker} cannot load the spec of job ${label}: ${status.message}${code ? ` [${code}]` : ''}`);
  if (code) return new ProdsimError(code, `replication ${label} on worker ${status.worker}: ${status.message}`);
  return new QueueError(QueueErrorCodes.JOB_FAILED, `replication ${label} failed on worker ${status.worker}: ${status.message}`);
}
