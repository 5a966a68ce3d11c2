import type { Dispatcher } from 'undici';
import type { PredictionEndpoint } from './endpoint.js';
import { oneLine, transportFailure } from './http-failure-text.js';
import { failure, validatedOk, type Outcome } from './outcome.js';
import { parseServerTiming, type ServerTiming } from './server-timing.js';

type Controller = Dispatcher.DispatchController;
type Headers = Record<string, string | string[] | undefined>;

const EMPTY = Buffer.alloc(0);

/** Stops the wire exchange once its outcome is decided (deadline or size limit): frees the connection. */
class Settled extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

/**
 * One request/response on the wire, as an undici dispatch handler. It settles exactly once, with
 * the first of: the answer, a transport error, the size limit, or the deadline. The deadline
 * covers everything from the call (waiting for a pooled connection, headers, every body byte),
 * so a service that drips its answer byte by byte still times out on time.
 */
export class HttpExchange<Req, Res> implements Dispatcher.DispatchHandler {
  private readonly startedAt = performance.now();
  private readonly timer: NodeJS.Timeout;
  private controller: Controller | undefined;
  private settled = false;
  private status = 0;
  private statusText = '';
  private chunks: Buffer[] = [];
  private bytes = 0;
  private serverTiming: ServerTiming | undefined;

  constructor(
    private readonly endpoint: PredictionEndpoint<Req, Res>,
    private readonly request: Req,
    private readonly deadlineMs: number,
    private readonly maxBodyBytes: number,
    private readonly target: string,
    private readonly resolve: (outcome: Outcome<Res>) => void,
  ) {
    this.timer = setTimeout(expire, deadlineMs, this);
  }

  onRequestStart(controller: Controller): void {
    // A request queued behind a busy pool may only get its socket after the deadline fired.
    if (this.settled) controller.abort(new Settled('deadline passed before the request was sent'));
    else this.controller = controller;
  }

  onResponseStart(controller: Controller, statusCode: number, headers: Headers, statusMessage?: string): void {
    if (this.settled || statusCode < 200) return; // 1xx: informational, the real answer follows
    this.status = statusCode;
    this.statusText = statusMessage ?? '';
    const timing = headers['server-timing'];
    if (timing !== undefined) this.serverTiming = parseServerTiming(timing);
    const declared = Number(headers['content-length']);
    if (declared > this.maxBodyBytes) this.tooLarge(controller);
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    if (this.settled) return;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBodyBytes) {
      this.tooLarge(controller);
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    const latencyMs = this.elapsed();
    if (this.status < 200 || this.status > 299) {
      this.settle(failure('http-error', `HTTP ${this.status}${this.statusText ? ` ${oneLine(this.statusText, 60)}` : ''}`, latencyMs, this.status));
      return;
    }
    const body = this.chunks.length === 1 ? this.chunks[0] : this.chunks.length === 0 ? EMPTY : Buffer.concat(this.chunks, this.bytes);
    this.chunks = [];
    this.settle(this.decide(body.toString('utf8'), latencyMs));
  }

  onResponseError(_controller: Controller, error: Error): void {
    if (this.settled) return;
    this.settle(transportFailure(error, this.target, this.elapsed()));
  }

  /** Called by the deadline timer. */
  expire(): void {
    if (this.settled) return;
    const latencyMs = this.elapsed();
    const reading = this.status !== 0;
    this.settle(failure('timeout', `timeout after ${this.deadlineMs} ms${reading ? ' while reading the answer' : ''}`, latencyMs));
    this.controller?.abort(new Settled('deadline reached'));
  }

  private decide(text: string, latencyMs: number): Outcome<Res> {
    const { endpoint, status } = this;
    try {
      const parsed = endpoint.parseBody(text);
      if (!parsed.ok) return failure('malformed', oneLine(parsed.error), latencyMs, status);
      const checked = endpoint.validate(parsed.value, this.request);
      if (!checked.ok) return failure('malformed', oneLine(checked.error), latencyMs, status);
      return validatedOk(parsed.value, checked, latencyMs, parsed.dropped, status);
    } catch (error) {
      // A parser that throws on odd input is the answer's fault as far as the world can tell.
      return failure('malformed', `${endpoint.name} answer rejected: ${oneLine(error)}`, latencyMs, status);
    }
  }

  private tooLarge(controller: Controller): void {
    this.settle(failure('oversized', `answer larger than ${this.maxBodyBytes} bytes`, this.elapsed(), this.status));
    controller.abort(new Settled('answer over the size limit'));
  }

  private settle(outcome: Outcome<Res>): void {
    // The service's cost report goes with whatever came of its answer: the work was done.
    if (this.serverTiming) outcome.serverTiming = this.serverTiming;
    this.settled = true;
    this.chunks = [];
    clearTimeout(this.timer);
    this.resolve(outcome);
  }

  private elapsed(): number {
    return performance.now() - this.startedAt;
  }
}

// A plain function (not a closure per request) keeps the per-request timer cheap.
function expire(exchange: { expire(): void }): void {
  exchange.expire();
}
