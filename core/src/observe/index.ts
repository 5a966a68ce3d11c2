export { nullObserver } from './interaction-observer.js';
export type { ConsumptionHistory, InteractionObserver, ResearchProbe } from './interaction-observer.js';
