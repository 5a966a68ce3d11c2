export { EventQueue, MAX_PRIORITY } from './event-queue.js';
export { Scheduler, Priority, DAY_MS, startOfDay } from './scheduler.js';
export type { Handler, HandlerId, EventHandle, RecurringHandle, RunOptions, RunProgress, RunResult, StopReason } from './scheduler.js';
