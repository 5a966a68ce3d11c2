/**
 * Satisfaction: how users' recent sessions went decides how often they come back. Each session
 * moves a user's mood (an exponential moving average, in stars) toward what the session was
 * worth: for a viewing, how much more the movie was enjoyed than what it takes to start one
 * (scaled by how much of it was seen); for a session in which nothing was worth watching, a
 * fixed disappointment. Sessions per day are then scaled by exp(effect * mood), within bounds,
 * so that a service that keeps finding good movies earns more visits, and one that does not
 * loses them (Gomez-Uribe and Hunt 2015: recommendations drive most hours streamed and
 * retention).
 */

/** Weight of the latest session in the mood. */
export const MOOD_MEMORY = 0.2;
/** What a session that ended with nothing watched is worth, in stars. */
export const NOTHING_TO_WATCH = -1;
const MIN_RETURN = 0.25;
const MAX_RETURN = 1.6;

/** The new mood after a session worth `value` stars. */
export function nextMood(mood: number, value: number): number {
  return mood + MOOD_MEMORY * (value - mood);
}

/** What a viewing was worth: enjoyment above the user's bar to start a movie, for the share seen. */
export function viewingValue(enjoymentMargin: number, shareSeen: number): number {
  return enjoymentMargin * shareSeen + NOTHING_TO_WATCH * (1 - shareSeen) * 0.5;
}

/** Factor on a user's sessions per day for their mood. */
export function returnFactor(mood: number, effect: number): number {
  return Math.min(MAX_RETURN, Math.max(MIN_RETURN, Math.exp(effect * mood)));
}
