export type TypedArray = Uint8Array | Uint16Array | Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** A copy of `a` with room for `length` elements (typed arrays cannot grow in place). */
export function grown<T extends TypedArray>(a: T, length: number): T {
  const Ctor = a.constructor as new (n: number) => T;
  const b = new Ctor(length);
  b.set(a as never);
  return b;
}

/**
 * The capacity to grow per-user arrays to when `needed` users no longer fit in `current`: a
 * quarter more while small; a sixteenth more from a million users on, because there a quarter of
 * spare users is hundreds of MB that new accounts (a few per thousand users a day) take months
 * to fill.
 */
export function nextUserCapacity(current: number, needed: number): number {
  return Math.max(needed, Math.ceil(current * (current < 1_000_000 ? 1.25 : 1.0625)));
}
