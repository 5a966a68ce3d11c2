import type { MsgHdrs } from '@nats-io/transport-node';

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

const encoder = new TextEncoder();

/**
 * Headers of one publish, written straight as wire text. Building a header map per message (or
 * looking one up in a cache of 100k keys) costs more client CPU than the publish itself; nats.js
 * only ever calls `encode()` on the headers it publishes.
 */
export class WireHeaders {
  constructor(private readonly text: string) {}

  encode(): Uint8Array {
    return encoder.encode(this.text);
  }

  /** `NATS/1.0` headers with an optional message id and key (either may be absent). */
  static of(msgId: string | undefined, key: string | null): MsgHdrs {
    let text = 'NATS/1.0\r\n';
    if (msgId !== undefined) text += `Nats-Msg-Id: ${msgId}\r\n`;
    if (key !== null) text += PLAIN.test(key) ? `${KEY_HEADER}: ${key}\r\n` : `${KEY_HEADER_ENCODED}: ${encodeURIComponent(key)}\r\n`;
    return new WireHeaders(`${text}\r\n`) as unknown as MsgHdrs;
  }
}
