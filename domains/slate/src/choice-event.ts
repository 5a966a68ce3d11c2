import type { OutcomeKind } from '@prodsim/core';

/**
 * The wire format of slate/v1, one line per event on the domain's topic:
 * - a choice: `t,user,item,rank` (t in ms since epoch; rank is the slate position taken, 0 first,
 *   or -1 when the user had no slate and browsed the catalogue instead);
 * - a failed slate request: JSON `{"t":..,"user":..,"outcome":"timeout","status":0,"error":".."}`.
 * Choice lines are kept this compact because a research run emits one per interaction.
 */
/** `t` may come pre-rendered: many choices share a time, and its text is the costly part. */
export function encodeChoice(t: number | string, user: number, item: number, rank: number): string {
  return `${t},${user},${item},${rank}`;
}

export interface ChoiceEvent {
  t: number;
  user: number;
  item: number;
  rank: number;
}

const CHOICE = /^(\d+),(\d+),(\d+),(-1|\d+)$/;

/** Parses a choice line; undefined for anything else (e.g. a failure line). */
export function parseChoice(line: string): ChoiceEvent | undefined {
  const m = CHOICE.exec(line);
  return m ? { t: Number(m[1]), user: Number(m[2]), item: Number(m[3]), rank: Number(m[4]) } : undefined;
}

export function encodeFailure(t: number, user: number, outcome: OutcomeKind, status: number, error: string): string {
  return JSON.stringify({ t, user, outcome, status, error });
}
