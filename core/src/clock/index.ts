export { Clock, systemWallClock } from './clock.js';
export type { ClockMode, ClockOptions, WallClock } from './clock.js';
export { LagMeter } from './lag-meter.js';
