import { Temporal } from "temporal-polyfill";

/** Time is passed in, never read from the machine inside the domain. */
export interface Clock {
  now(): Temporal.Instant;
}

export const systemClock: Clock = { now: () => Temporal.Now.instant() };

/** A clock that stands still until moved; for tests and the demo's back-dated cases. */
export class FixedClock implements Clock {
  constructor(private current: Temporal.Instant) {}
  static at(iso: string): FixedClock {
    return new FixedClock(Temporal.Instant.from(iso));
  }
  now(): Temporal.Instant {
    return this.current;
  }
  set(iso: string): void {
    this.current = Temporal.Instant.from(iso);
  }
  advance(duration: Temporal.DurationLike): void {
    this.current = this.current.add(duration);
  }
}
