import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consumer, JsMsg } from '@nats-io/jetstream';
import { encodeResult } from '../result-codec.js';
import { startThread, type ThreadRun } from '../thread-unit.js';
import type { QueueAddress } from './queue-address.js';
import { openQueue, type QueueConnection } from './queue-connection.js';
import { JOB_PROTOCOL, encodeJson, jobEnvelope, jobOf, type QueueJob, type UnitStatus } from './queue-job.js';
import { uploadRaw } from './raw-transfer.js';

export interface QueueWorkerOptions {
  address: QueueAddress;
  /** Jobs run at once, each in its own worker thread. */
  concurrency: number;
  /** The composition root's module (bin/registry.js): each job's thread builds its registries from it and the job's plugin URLs. */
  registryModule: string;
  /** This worker's prodsim version: a job from a coordinator of another version is refused. */
  version: string;
  /** One line per job started, done, failed or refused. */
  log: (line: string) => void;
  /** How the worker names itself in unit states and logs (default host:pid). */
  name?: string;
}

/** How long a refused job waits before it is offered again (to a worker of the right version, if any). */
const REFUSE_DELAY_MS = 5000;
/** A pull waits this long for a job before asking again (and noticing a stop). */
const PULL_MS = 2000;

interface Active {
  msg: JsMsg;
  thread: ThreadRun;
}

/**
 * `prodsim worker`: pulls jobs from the queue's work-queue stream, `concurrency` at a time, and
 * runs each in a worker thread with the job's plugins. While a job runs, the worker tells the
 * server it is still working on it (within the ack wait) and records the simulated day in the
 * status bucket; when it is done, the result goes to the object store, the unit's state to
 * "done", and only then is the job acknowledged, so a worker killed at any point leaves the job
 * to be delivered again. A job already done (a second delivery) is acknowledged without running.
 */
export class QueueWorker {
  readonly name: string;
  private stopping = false;
  private readonly active = new Set<Active>();
  private conn: QueueConnection | undefined;

  constructor(private readonly options: QueueWorkerOptions) {
    this.name = options.name ?? `${hostname()}:${process.pid}`;
  }

  /** Runs until stop(); resolves once every lane has let go. Connection errors are thrown (coded). */
  async run(): Promise<void> {
    const conn = await openQueue(this.options.address, { name: `prodsim worker ${this.name}` });
    this.conn = conn;
    try {
      const consumer = await conn.js.consumers.get(conn.address.stream, conn.address.consumer);
      this.options.log(
        `worker ${this.name}: prodsim ${this.options.version}, ${this.options.concurrency} at a time, waiting for jobs on ${conn.address.url} (queue ${conn.address.queue})`,
      );
      await Promise.all(Array.from({ length: this.options.concurrency }, () => this.lane(consumer)));
      await conn.nc.flush();
    } finally {
      await conn.close();
    }
  }

  /** Stops pulling; running jobs are stopped and handed back to the queue at once (not after the ack wait). */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const a of this.active) {
      a.msg.nak();
      await a.thread.stop();
    }
  }

  private async lane(consumer: Consumer): Promise<void> {
    while (!this.stopping) {
      let msg: JsMsg | null;
      try {
        msg = await consumer.next({ expires: PULL_MS });
      } catch (error) {
        if (this.stopping) break;
        // The server went away for a moment: the connection reconnects by itself.
        this.options.log(`worker ${this.name}: pulling a job failed (${(error as Error)?.message ?? error}); trying again`);
        await new Promise((r) => setTimeout(r, PULL_MS));
        continue;
      }
      if (!msg) continue;
      if (this.stopping) {
        msg.nak();
        break;
      }
      try {
        await this.handle(msg);
      } catch (error) {
        // A NATS failure around the job (storing, acknowledging): let the queue deliver it again.
        this.options.log(`worker ${this.name}: job ${msg.subject}: ${(error as Error)?.message ?? error}; handed back to the queue`);
        msg.nak();
      }
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    const conn = this.conn!;
    const envelope = jobEnvelope(msg.data);
    if (!envelope) {
      this.options.log(`worker ${this.name}: ${msg.subject} is not a prodsim job; dropped`);
      msg.term('not a prodsim job');
      return;
    }
    if (envelope.protocol !== JOB_PROTOCOL || envelope.prodsim !== this.options.version) {
      await this.put(envelope.id, { state: 'refused', worker: this.name, prodsim: this.options.version, protocol: JOB_PROTOCOL });
      this.options.log(
        `worker ${this.name}: refused job ${envelope.id}: it comes from prodsim ${envelope.prodsim} (job protocol ${envelope.protocol}), this worker runs prodsim ${this.options.version} (protocol ${JOB_PROTOCOL})`,
      );
      msg.nak(REFUSE_DELAY_MS);
      return;
    }
    const job = jobOf(envelope);
    if (!job) {
      await this.put(envelope.id, { state: 'failed', worker: this.name, phase: 'load', message: 'the job message lacks fields this protocol requires' });
      msg.term('malformed job');
      return;
    }
    const current = await conn.status.get(job.id);
    if (current?.operation === 'PUT' && current.json<UnitStatus>().state === 'done' && (await conn.results.info(job.id))) {
      this.options.log(`worker ${this.name}: job ${job.label} (${job.id}) was already done; acknowledged`);
      await msg.ackAck();
      return;
    }
    await this.runJob(msg, job);
  }

  private async runJob(msg: JsMsg, job: QueueJob): Promise<void> {
    const conn = this.conn!;
    const delivery = msg.info.deliveryCount;
    const t0 = performance.now();
    let day = 0;
    const running = () => this.put(job.id, { state: 'running', worker: this.name, delivery, day });
    await running();
    this.options.log(`worker ${this.name}: job ${job.label} (${job.id}${delivery > 1 ? `, delivery ${delivery}` : ''}): started`);
    // Within the ack wait, twice over: the job stays ours, and the unit's state stays fresh for a restarted coordinator.
    const beat = setInterval(
      () => {
        msg.working();
        void running().catch(() => {});
      },
      Math.max(100, Math.floor(job.ackWaitMs / 3)),
    );
    const rawDir = job.raw !== undefined ? mkdtempSync(join(tmpdir(), 'prodsim-worker-raw-')) : undefined;
    const thread = startThread(
      { registryModule: this.options.registryModule, plugins: job.plugins },
      job.specInput,
      job.unit,
      (d) => {
        day = d;
        void running().catch(() => {});
      },
      rawDir && job.raw !== undefined ? { dir: rawDir, unit: job.raw } : undefined,
    );
    const active = { msg, thread };
    this.active.add(active);
    try {
      const outcome = await thread.outcome;
      clearInterval(beat);
      if (this.stopping && !outcome.ok) return; // stopped: stop() handed the job back
      if (outcome.ok) {
        await conn.results.putBlob({ name: job.id }, new TextEncoder().encode(encodeResult(outcome.result)));
        const raw = rawDir && job.raw !== undefined ? await uploadRaw(conn.results, job.id, rawDir, job.raw) : [];
        await this.put(job.id, { state: 'done', worker: this.name, raw });
        await msg.ackAck();
        this.options.log(`worker ${this.name}: job ${job.label} (${job.id}): done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      } else {
        await this.put(job.id, {
          state: 'failed',
          worker: this.name,
          phase: outcome.phase,
          message: outcome.message,
          ...(outcome.code ? { code: outcome.code } : {}),
        });
        msg.term(outcome.message.slice(0, 200));
        this.options.log(
          `worker ${this.name}: job ${job.label} (${job.id}): failed while ${outcome.phase === 'load' ? 'loading' : 'running'}: ${outcome.message}`,
        );
      }
    } finally {
      clearInterval(beat);
      this.active.delete(active);
      if (rawDir) rmSync(rawDir, { recursive: true, force: true });
    }
  }

  private async put(id: string, status: UnitStatus): Promise<void> {
    await this.conn!.status.put(id, encodeJson(status));
  }
}
