export type TypedArray = Uint8Array | Uint16Array | Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** A copy of `a` with room for `length` elements (typed arrays cannot grow in place). */
export function grown<T extends TypedArray>(a: T, length: number): T {
  const Ctor = a.constructor as new (n: number) => T;
  const b = new Ctor(length);
  b.set(a as never);
  return b;
}
