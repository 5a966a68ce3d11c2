/** The most a 429 or 503 answer makes the service wait before asking again, ms. */
const MAX_WAIT_MS = 10_000;

/**
 * GET from the entity API, backing off when it says so: a 429 (rate limit: at most 100 requests
 * per second per client by default) or a 503 (outage) is asked again after its Retry-After
 * seconds, or after 0.25, 0.5, 1, 2 s, at most `tries` times in all. Any other answer, and the last
 * one, goes back to the caller; a network error throws as fetch does.
 */
export async function apiFetch(url: URL | string, init: { headers?: Record<string, string>; timeoutMs?: number } = {}, tries = 5): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, { headers: init.headers, signal: AbortSignal.timeout(init.timeoutMs ?? 5000) });
    if ((res.status !== 429 && res.status !== 503) || attempt >= tries) return res;
    await res.arrayBuffer();
    const retryAfter = Number(res.headers.get('retry-after'));
    const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 250 * 2 ** (attempt - 1);
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_WAIT_MS, wait)));
  }
}
