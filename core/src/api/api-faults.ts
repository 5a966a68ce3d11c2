import { setTimeout as sleep } from 'node:timers/promises';
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
    app.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0];
      if (path === '/healthz' || path === '/metrics' || path === '/openapi.json' || path.startsWith('/docs') || path.startsWith('/staff')) return;
      if (this.outage) {
        this.counts.refused++;
        return reply.code(503).type('application/json; charset=utf-8').send(errorBody(503, 'the entity API is down (outage)'));
      }
      if (this.delayMs > 0) {
        this.counts.delayed++;
        await sleep(this.delayMs);
      }
    });
  }
}
