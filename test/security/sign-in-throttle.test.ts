/** The throttle's arithmetic: free failures, doubling waits, the lock, forgetting, and taking back. */
import { describe, expect, it } from "vitest";
import { SignInThrottle } from "../../src/app/sign-in-throttle.js";
import { FixedClock } from "../../src/domain/clock.js";

const at = () => FixedClock.at("2026-03-02T09:00:00Z");

/** Fails `n` attempts on the account, waiting out every delay; the waits met on the way. */
function failTimes(throttle: SignInThrottle, clock: FixedClock, n: number, address = "10.0.0.1") {
  const waits: number[] = [];
  for (let i = 0; i < n; i++) {
    let wait = throttle.attempt("a@example.org", address);
    while (wait > 0) {
      waits.push(wait);
      clock.advance({ seconds: wait });
      wait = throttle.attempt("a@example.org", address);
    }
  }
  return waits;
}

describe("sign-in throttle", () => {
  it("gives three free failures, then doubles the wait, then locks for 15 minutes", () => {
    const clock = at();
    const throttle = new SignInThrottle(clock);
    // three free failures; the fourth attempt is still checked at once, and its failure costs 1 s
    expect(failTimes(throttle, clock, 4)).toEqual([]);
    expect(throttle.attempt("A@Example.org ", "10.0.0.2")).toBe(1); // the account, whatever its case
    expect(failTimes(throttle, clock, 6)).toEqual([1, 2, 4, 8, 16, 32]);
    // the tenth failure locked the account
    expect(throttle.attempt("a@example.org", "10.0.0.1")).toBe(15 * 60);
    clock.advance({ minutes: 15 });
    expect(throttle.attempt("a@example.org", "10.0.0.1")).toBe(0);
  });

  it("forgets a key after 15 quiet minutes", () => {
    const clock = at();
    const throttle = new SignInThrottle(clock);
    failTimes(throttle, clock, 5);
    clock.advance({ minutes: 16 });
    expect(failTimes(throttle, clock, 3)).toEqual([]);
  });

  it("clears the account on success, but gives the address back only the attempt's own failure", () => {
    const clock = at();
    const throttle = new SignInThrottle(clock);
    // ten failures from one address on ten accounts: the address has used its free ones
    for (let i = 0; i < 10; i++) throttle.attempt(`u${i}@example.org`, "10.0.0.9");
    expect(throttle.attempt("mine@example.org", "10.0.0.9")).toBe(0);
    throttle.succeeded("mine@example.org", "10.0.0.9");
    // the success did not reset the address: its next failure is the 11th
    expect(throttle.attempt("other@example.org", "10.0.0.9")).toBe(0);
    expect(throttle.attempt("third@example.org", "10.0.0.9")).toBeGreaterThan(0);
  });

  it("takes back an attempt that could not be checked", () => {
    const clock = at();
    const throttle = new SignInThrottle(clock);
    for (let i = 0; i < 10; i++) {
      expect(throttle.attempt("a@example.org", "10.0.0.1")).toBe(0);
      throttle.cancelled("a@example.org", "10.0.0.1");
    }
  });
});
