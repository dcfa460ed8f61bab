// The one place the current time comes from: the var NOW fixes it (demos, tests), else the system clock;
// and the real wait that code taking a `sleep` is given outside tests.
export type Clock = () => Date;

export function makeClock(fixedNow: string | undefined): Clock {
  if (fixedNow === undefined) return () => new Date();
  const fixed = new Date(fixedNow);
  return () => new Date(fixed.getTime());
}

/** Waits `ms` (the real one; tests pass their own). */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
