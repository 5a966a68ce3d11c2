export { nullObserver } from './interaction-observer.js';
export type { InteractionObserver, ResearchProbe } from './interaction-observer.js';
