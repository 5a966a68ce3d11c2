import { ErrorCodes, ProdsimError } from '../errors.js';
import type { StepReply, StepSpaces } from './stepping-world.js';

/**
 * The step protocol: one JSON object per line each way (stdin in, stdout out).
 *
 * In:  {"op":"reset","seed":"7"}   a new episode: the world of this seed (default: the run's)
 *      {"op":"step","items":[3,1]} the action: item indices for the user who is asking now
 *      {"op":"close"}              end (so does the end of the input)
 * Out: {"type":"hello",...}        once, first: the spaces (StepSpaces)
 *      {"type":"step",...}         after each reset and step: a StepReply
 *      {"type":"error","code":"PRODSIM_ERR_...","message":"..."}   a message that could not be served
 */
export type StepMessage = { op: 'reset'; seed?: string } | { op: 'step'; items: number[] } | { op: 'close' };

export function parseStepMessage(line: string): StepMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw usage(`not a JSON message: ${clip(line)}`);
  }
  const message = raw as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw usage(`a message is a JSON object with "op", got ${clip(line)}`);
  switch (message.op) {
    case 'reset': {
      const seed = message.seed;
      if (seed !== undefined && seed !== null && (typeof seed !== 'string' || seed === '') && !Number.isInteger(seed))
        throw usage(`reset takes a seed that is a non-empty string or an integer, got ${clip(JSON.stringify(seed))}`);
      return seed === undefined || seed === null ? { op: 'reset' } : { op: 'reset', seed: String(seed) };
    }
    case 'step': {
      const items = message.items;
      if (!Array.isArray(items) || !items.every((i) => Number.isInteger(i)))
        throw usage(`step takes "items", a list of item indices (integers), got ${clip(JSON.stringify(items) ?? 'nothing')}`);
      return { op: 'step', items: items as number[] };
    }
    case 'close':
      return { op: 'close' };
    default:
      throw usage(`unknown op ${clip(JSON.stringify(message.op) ?? 'none')}; expected reset, step or close`);
  }
}

export function helloLine(spaces: StepSpaces): string {
  return JSON.stringify({ type: 'hello', ...spaces });
}

export function replyLine(reply: StepReply): string {
  return JSON.stringify({ type: 'step', ...reply });
}

export function errorLine(code: string, message: string): string {
  return JSON.stringify({ type: 'error', code, message });
}

function usage(message: string): ProdsimError {
  return new ProdsimError(ErrorCodes.USAGE, message);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
