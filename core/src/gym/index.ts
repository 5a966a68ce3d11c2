export { SteppingWorld } from './stepping-world.js';
export type { SteppingOptions, StepSpaces, StepReply, StepInfo } from './stepping-world.js';
export { ObservationBuilder } from './observation-builder.js';
export type { Observation, ObservationOptions } from './observation-builder.js';
export { PublicFeatures } from './public-features.js';
export { REWARDS, rewardOf } from './step-rewards.js';
export type { RewardKind, ResolvedStep } from './step-rewards.js';
export { parseStepMessage, helloLine, replyLine, errorLine } from './step-protocol.js';
export type { StepMessage } from './step-protocol.js';
