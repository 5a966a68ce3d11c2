// Shared between sibling packages but not part of the public API.
export { satisfies } from './domain/semver.js';
