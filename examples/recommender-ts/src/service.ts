import Fastify, { type FastifyInstance } from 'fastify';
import type { AudienceFilter } from './audience-filter.js';
import type { Recommender } from './recommender.js';

const USER_ID = /^\d{1,12}$/;

/**
 * The HTTP side: `GET /recommend/:userid` answers one plain-text line of comma-separated movie ids
 * (best first, at most 20), as the course's contract asks; `GET /health` shows what the model has
 * learnt (with the entity API, also how many ages and certificates it knows). Answers come from
 * memory only: nothing on the request path waits for Kafka or the entity API.
 */
export function buildService(recommender: Recommender, options: { logger?: boolean; audience?: AudienceFilter } = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });

  app.get<{ Params: { userid: string } }>('/recommend/:userid', async (request, reply) => {
    const user = request.params.userid;
    // The course sends invalid requests on purpose: answer them clearly, never crash.
    if (!USER_ID.test(user))
      return reply
        .code(400)
        .type('text/plain')
        .send(`user id must be a number, got ${JSON.stringify(user.slice(0, 40))}\n`);
    return reply.type('text/plain').send(recommender.recommend(user).join(','));
  });

  app.get('/health', async () => ({
    ok: true,
    ...recommender.stats,
    users: recommender.knownUsers,
    movies: recommender.popularity.movies,
    ...(options.audience ? { audience: options.audience.stats } : {}),
  }));

  return app;
}
