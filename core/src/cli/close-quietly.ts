/** Closes what a run that could not start had opened; their own failures add nothing to the first error. */
export async function closeQuietly(steps: (() => unknown)[]): Promise<void> {
  for (const step of steps) {
    try {
      await step();
    } catch {
      // The error that stopped the start is the one reported.
    }
  }
}
