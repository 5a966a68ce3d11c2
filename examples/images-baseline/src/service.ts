import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ImagesLearner } from './learner.js';

const MAX_BODY = 1 << 20;

/**
 * The prediction service the images world calls: `POST /feed` {"user", "candidates"} -> ids best
 * first; `POST /moderate` {"image", "creator", "url"} -> {"decision"}; `GET /health`. Bad requests
 * get a JSON 400, never a crash. Feed answers report their cost in a `Server-Timing: cpu;dur=<ms>`
 * header (the ranking's time on the main thread), which prodsim's run summary adds up per
 * endpoint; work done outside answers (downloads and features at upload events) is not in it.
 */
export class BaselineService {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(learner: ImagesLearner, port = 0, host = '127.0.0.1'): Promise<BaselineService> {
    const server = createServer((req, res) => {
      const send = (status: number, body: unknown, cpuMs?: number) => {
        res.writeHead(status, { 'content-type': 'application/json', ...(cpuMs === undefined ? {} : { 'server-timing': `cpu;dur=${cpuMs.toFixed(3)}` }) });
        res.end(JSON.stringify(body));
      };
      handle(req, learner).then(
        ([status, body, cpuMs]) => send(status, body, cpuMs),
        (error) => send(500, { error: String((error as Error)?.message ?? error) }),
      );
    });
    server.keepAliveTimeout = 10_000;
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

/** Status, body, and for answers that did work of their own, its time in ms (Server-Timing cpu). */
async function handle(req: IncomingMessage, learner: ImagesLearner): Promise<[number, unknown, number?]> {
  if (req.method === 'GET' && req.url === '/health') return [200, { ok: true, ...learner.stats }];
  if (req.method !== 'POST') return [404, { error: 'not found' }];
  const body = await readJson(req);
  if (body === undefined) return [400, { error: 'expected a JSON object' }];
  if (req.url === '/feed') {
    if (!Number.isInteger(body.user) || !Array.isArray(body.candidates)) return [400, { error: 'expected {"user": int, "candidates": [ints]}' }];
    const candidates = body.candidates.filter((x): x is number => Number.isInteger(x));
    // Ranking is synchronous: its wall time on this thread is the answer's CPU time.
    const start = performance.now();
    const ranked = learner.rank(body.user as number, candidates);
    return [200, ranked, performance.now() - start];
  }
  if (req.url === '/moderate') {
    if (!Number.isInteger(body.image) || !Number.isInteger(body.creator)) return [400, { error: 'expected {"image": int, "creator": int, "url"}' }];
    return [200, { decision: await learner.moderate(body.image as number, body.creator as number) }];
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
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
