export { EventQueue, MAX_PRIORITY } from './event-queue.js';
export type { EventQueueState } from './event-queue.js';
export { Scheduler, Priority, DAY_MS, startOfDay } from './scheduler.js';
export type {
  EventGate,
  SchedulerState,
  Handler,
  HandlerId,
  EventHandle,
  RecurringHandle,
  RunOptions,
  RunProgress,
  RunResult,
  StopReason,
} from './scheduler.js';
