export { EventSink } from './event-sink.js';
export type { EventKindId, EventKindInfo, EventSinkState } from './event-sink.js';
export { StreamFaults, NO_FAULTS } from './stream-faults.js';
export type { StreamFaultRates, StreamFaultsState } from './stream-faults.js';
export { fanOut } from './fan-out.js';
export { EventTap } from './event-tap.js';
export type { EventListener } from './event-tap.js';
