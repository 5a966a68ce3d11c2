/** A small world for tests: a day of it runs in a few seconds (rendering and the truth models dominate). */
export const SMALL_WORLD = { users: 120, creators: 10, initialClips: 20, uploadsPerDay: 1, voice: 'off' } as const;
