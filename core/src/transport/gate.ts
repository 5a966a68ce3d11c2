/** A promise with its resolve/reject in hand: what a waiting publisher or flush is given. */
export interface Gate {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function gate(): Gate {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A gate nobody waits on must not become an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
