export { CHECKPOINT_FORMAT, decodeCheckpoint, encodeCheckpoint, writeFileAtomically } from './checkpoint-file.js';
export type { CheckpointHeader } from './checkpoint-file.js';
export { CheckpointStore, CheckpointUnit } from './checkpoint-store.js';
export type { RunManifest } from './checkpoint-store.js';
export { Checkpointer } from './checkpointer.js';
export type { CheckpointerOptions } from './checkpointer.js';
export { dataFields, restoreFields } from './object-fields.js';
