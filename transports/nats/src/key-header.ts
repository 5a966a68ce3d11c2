import { headers, type MsgHdrs } from '@nats-io/transport-node';

/** Header that carries the message key (NATS has no key of its own). */
export const KEY_HEADER = 'Prodsim-Key';
/** The same, percent-encoded: for keys a header value cannot hold as they are (edge spaces, CR/LF, empty). */
export const KEY_HEADER_ENCODED = 'Prodsim-Key-Uri';

// nats.js trims header values and refuses CR/LF: such keys travel encoded.
const PLAIN = /^[^\s](?:[^\r\n]*[^\s])?$/;

/** Whether `key` can be a header value as it is. */
export function isPlainKey(key: string): boolean {
  return PLAIN.test(key);
}

/** Puts `key` on `h` so that `readKey` gives it back exactly. */
export function setKey(h: MsgHdrs, key: string): void {
  if (PLAIN.test(key)) h.set(KEY_HEADER, key);
  else h.set(KEY_HEADER_ENCODED, encodeURIComponent(key));
}

export function readKey(h: MsgHdrs | undefined): string | null {
  if (!h) return null;
  if (h.has(KEY_HEADER)) return h.get(KEY_HEADER);
  if (h.has(KEY_HEADER_ENCODED)) return decodeURIComponent(h.get(KEY_HEADER_ENCODED));
  return null;
}

/**
 * Core NATS publish options per key, headers encoded once: users publish again and again, and
 * building and encoding a header per message costs more than the publish itself. Bounded: the
 * cache is dropped when it reaches `max` keys.
 */
export class KeyHeaderCache {
  private readonly cache = new Map<string, { headers: MsgHdrs }>();

  constructor(private readonly max = 200_000) {}

  options(key: string): { headers: MsgHdrs } {
    let o = this.cache.get(key);
    if (o === undefined) {
      const h = headers();
      setKey(h, key);
      // MsgHdrsImpl.encode() is what the publish path calls: encode once, answer from then on with
      // the same bytes (the instance is never changed after this).
      const encodable = h as MsgHdrs & { encode(): Uint8Array };
      const bytes = encodable.encode();
      encodable.encode = () => bytes;
      o = { headers: h };
      if (this.cache.size >= this.max) this.cache.clear();
      this.cache.set(key, o);
    }
    return o;
  }
}
