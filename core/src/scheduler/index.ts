export { EventQueue, MAX_PRIORITY } from './event-queue.js';
export type { EventQueueState } from './event-queue.js';
export { LadderQueue } from './ladder-queue.js';
export type { QueueState, SchedulerQueue } from './scheduler-queue.js';
export { Scheduler, Priority, DAY_MS, startOfDay, QUEUE_KINDS } from './scheduler.js';
export type {
  EventGate,
  PlanOptions,
  QueueKind,
  SchedulerOptions,
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
