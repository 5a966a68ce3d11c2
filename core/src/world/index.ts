export { PublicCatalog } from './entity-collection.js';
export type { EntityCollection } from './entity-collection.js';
export type { RouteDeclaration, RouteResponse } from './route.js';
