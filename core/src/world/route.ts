/**
 * A public API route a domain declares beyond its entity collections (e.g. `/image/:id.png`).
 * The API server (core) mounts them; the handler sees only what the domain chooses to expose.
 */
export interface RouteResponse {
  status: number;
  contentType: string;
  body: string | Uint8Array;
}

export interface RouteDeclaration {
  method: 'GET';
  /** fastify-style path with `:params`. */
  path: string;
  description: string;
  handler(params: Record<string, string>, query: Record<string, string>): RouteResponse | Promise<RouteResponse>;
}
