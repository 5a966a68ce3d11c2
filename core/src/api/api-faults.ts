import type { FastifyInstance } from 'fastify';
import { errorBody } from './api-errors.js';

/**
 * Faults a scenario step injects into the entity API (course staff's exercises): every entity
 * request slowed by `delayMs`, or the whole API answering 503 during an outage. `/healthz`,
 * `/metrics`, the docs and the staff dashboard stay up, so operators can watch the outage.
 */
export class ApiFaults {
  delayMs = 0;
  outage = false;
  /** Requests slowed or refused so far. */
  readonly counts = { delayed: 0, refused: 0 };

  install(app: FastifyInstance): void {
    // A callback hook, not an async one: with no fault on (nearly always), a request pays one
    // comparison here rather than a promise and a trip through the microtask queue.
    app.addHook('onRequest', (request, reply, done) => {
      if (!this.outage && !(this.delayMs > 0)) return done();
      const path = request.url.split('?')[0];
      if (path === '/healthz' || path === '/metrics' || path === '/openapi.json' || path.startsWith('/docs') || path.startsWith('/staff')) return done();
      if (this.outage) {
        this.counts.refused++;
        // Answered here: the request goes no further (a callback hook that replies does not call done).
        reply.code(503).type('application/json; charset=utf-8').send(errorBody(503, 'the entity API is down (outage)'));
        return;
      }
      this.counts.delayed++;
      setTimeout(done, this.delayMs);
    });
  }
}
