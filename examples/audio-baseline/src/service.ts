import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AudioLearner } from './learner.js';

const MAX_BODY = 1 << 20;

/**
 * The prediction service the audio world calls: `POST /next` {"user", "candidates"} -> ids best
 * first; `POST /classify` {"clip", "url"} -> {"label"}; `GET /health`.
 */
export class BaselineService {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(learner: AudioLearner, port = 0, host = '127.0.0.1'): Promise<BaselineService> {
    const server = createServer((req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      handle(req, learner).then(
        ([status, body]) => send(status, body),
        (error) => send(500, { error: String((error as Error)?.message ?? error) }),
      );
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve()));
    const address = server.address() as AddressInfo;
    return new BaselineService(server, `http://${host}:${address.port}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

async function handle(req: IncomingMessage, learner: AudioLearner): Promise<[number, unknown]> {
  if (req.method === 'GET' && req.url === '/health') return [200, { ok: true, ...learner.stats }];
  if (req.method !== 'POST') return [404, { error: 'not found' }];
  const body = await readJson(req);
  if (body === undefined) return [400, { error: 'expected a JSON object' }];
  if (req.url === '/next') {
    const candidates = Array.isArray(body.candidates) ? body.candidates.filter((x): x is number => Number.isInteger(x)) : [];
    return [200, learner.rank(candidates)];
  }
  if (req.url === '/classify') {
    if (!Number.isInteger(body.clip)) return [400, { error: 'clip must be an integer' }];
    return [200, { label: await learner.classify(body.clip as number, typeof body.url === 'string' ? body.url : `/audio/${body.clip}.wav`) }];
  }
  return [404, { error: 'not found' }];
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
