import { failure, type FailureOutcome } from './outcome.js';

/**
 * Turns what went wrong on the wire into a typed outcome with a short, specific text. The text
 * goes on the event stream (the contract's `result:` field on failure), so it names the target
 * and the cause and never carries a stack or a multi-line message.
 */
export function transportFailure(error: unknown, target: string, latencyMs: number): FailureOutcome {
  const code = String((error as { code?: unknown })?.code ?? '');
  switch (code) {
    case 'ECONNREFUSED':
      return failure('refused', `connection refused to ${target}`, latencyMs);
    case 'ECONNRESET':
    case 'EPIPE':
      return failure('refused', `connection reset by ${target}`, latencyMs);
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return failure('refused', `connection closed by ${target} before an answer`, latencyMs);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return failure('refused', `cannot resolve host of ${target}`, latencyMs);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return failure('refused', `no route to ${target}`, latencyMs);
    case 'UND_ERR_CONNECT_TIMEOUT':
      return failure('timeout', `connect timeout to ${target}`, latencyMs);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return failure('timeout', `timeout after ${Math.round(latencyMs)} ms`, latencyMs);
    default:
      break;
  }
  // llhttp rejects an answer that is not HTTP at all (e.g. a service writing raw bytes).
  if (code.startsWith('HPE_') || (error as Error)?.name === 'HTTPParserError')
    return failure('malformed', `invalid HTTP answer from ${target}: ${oneLine(error)}`, latencyMs);
  return failure('refused', `request to ${target} failed: ${oneLine(error)}`, latencyMs);
}

/**
 * The first line of an error message, cut short, other control characters written as `\uXXXX` escapes:
 * the text ends up inside one line of a line-based stream.
 */
export function oneLine(error: unknown, max = 160): string {
  const first = String((error as Error)?.message ?? error)
    .split('\n', 1)[0]
    .trim();
  const text = first.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
