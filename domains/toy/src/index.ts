export { toyDomain } from './toy-domain.js';
export type { ToyConfig } from './toy-domain.js';
