// The one place the current time comes from: the var NOW fixes it (demos, tests), else the system clock.
export type Clock = () => Date;

export function makeClock(fixedNow: string | undefined): Clock {
  if (fixedNow === undefined) return () => new Date();
  const fixed = new Date(fixedNow);
  return () => new Date(fixed.getTime());
}
