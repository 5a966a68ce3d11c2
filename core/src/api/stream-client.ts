import { request } from 'undici';

export interface FollowStreamOptions {
  /** The stream's URL: `http://HOST:PORT/stream`, or `/<team>/stream` in course mode. */
  url: string;
  /** The team's API token (course mode). */
  token?: string;
  /** Every event's line, in order, each once (resumed after reconnects by its id). */
  onLine(line: string): void;
  /** What went wrong or changed, in words (connection refused, 401, the run is over, reconnected). */
  onStatus?(message: string): void;
  /** Least and most wait between reconnection attempts, ms (default 500 and 15,000; doubling). */
  retryMs?: readonly [number, number];
}

export interface StreamFollower {
  /** Resolves once the stream answered (it may never, if the server never comes up). */
  readonly ready: Promise<void>;
  /** The id of the last event read (0 before any). */
  readonly lastId: number;
  close(): Promise<void>;
}

/**
 * Follows a prodsim event stream over HTTP (server-sent events, GET /stream) for as long as it is
 * not closed: reconnects with growing waits when the server is not there, refuses the token or
 * drops the connection, and resumes after the last event read (Last-Event-ID), so no event is
 * read twice or missed while the server keeps it. Never throws: problems go to `onStatus` and the
 * caller (a service) keeps serving.
 */
export function followEventStream(options: FollowStreamOptions): StreamFollower {
  const [least, most] = options.retryMs ?? [500, 15_000];
  const status = options.onStatus ?? (() => {});
  const abort = new AbortController();
  let lastId = 0;
  let connected: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const loop = (async () => {
    let wait = least;
    let failing = '';
    while (!abort.signal.aborted) {
      let problem: string;
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (options.token) headers.authorization = `Bearer ${options.token}`;
        if (lastId > 0) headers['last-event-id'] = String(lastId);
        const res = await request(options.url, { headers, signal: abort.signal, bodyTimeout: 0 });
        if (res.statusCode !== 200) {
          const body = await res.body.text().catch(() => '');
          problem = `${options.url} answered ${res.statusCode}: ${messageOf(body)}`;
        } else {
          connected();
          if (failing !== '') status(`reading ${options.url} again${lastId > 0 ? ` after event ${lastId}` : ''}`);
          failing = '';
          wait = least;
          const ended = await readEvents(res.body, (id, line) => {
            lastId = id;
            options.onLine(line);
          });
          problem = ended ? `${options.url}: the run is over; waiting for the next one` : `${options.url}: the connection closed`;
        }
      } catch (error) {
        if (abort.signal.aborted) break;
        const code = (error as { code?: string }).code;
        problem = `${options.url}: ${code === 'ECONNREFUSED' ? 'nothing listens there (is prodsim running with --api-port?)' : ((error as Error).message ?? String(error))}`;
      }
      // The same problem is reported once, not at every retry.
      if (problem !== failing) status(`${problem}; retrying`);
      failing = problem;
      await sleep(wait, abort.signal);
      wait = Math.min(most, wait * 2);
    }
  })();
  return {
    ready,
    get lastId() {
      return lastId;
    },
    async close() {
      abort.abort();
      await loop;
    },
  };
}

/** Reads server-sent events until the body ends; true if the server said the run is over. */
async function readEvents(body: AsyncIterable<Buffer>, onEvent: (id: number, data: string) => void): Promise<boolean> {
  const decoder = new TextDecoder();
  let rest = '';
  let id = NaN;
  let data: string[] = [];
  let event = '';
  let ended = false;
  for await (const chunk of body) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop()!;
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line === '') {
        if (event === 'end') ended = true;
        else if (data.length > 0 && Number.isFinite(id)) onEvent(id, data.join('\n'));
        data = [];
        event = '';
        id = NaN;
      } else if (line.startsWith('id: ')) id = Number(line.slice(4));
      else if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line.startsWith('event: ')) event = line.slice(7);
    }
  }
  return ended;
}

function messageOf(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the text itself
  }
  return body.slice(0, 200) || 'no message';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
