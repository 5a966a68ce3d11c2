export { EventSink } from './event-sink.js';
export type { EventKindId, EventKindInfo } from './event-sink.js';
