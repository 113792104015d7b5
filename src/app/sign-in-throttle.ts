/**
 * Throttling of password sign-in, per account (the e-mail) and per client address. Kept in memory
 * per process (decision 0006): it must answer before any database or argon2 work, a restart
 * forgetting it costs an attacker only what a few free attempts give, and several processes each
 * throttle on their own (the limits below then apply per process).
 *
 * A key earns a few free failures; every further failure makes the next attempt wait twice as long
 * (1 s, 2 s, 4 s …) and at the lock limit the key is locked for a quarter of an hour. A success
 * clears the account's record and takes back the address's advance failure. An attempt is counted as a failure before it
 * is checked, so parallel attempts are throttled too. Throttled attempts are refused before the
 * password is looked at, so an attack costs no argon2 time and a person signing in meanwhile is
 * not kept waiting.
 */
import type { Temporal } from "temporal-polyfill";
import type { Clock } from "../domain/clock.js";

export interface ThrottlePolicy {
  /** failures that cost nothing */
  freeFailures: number;
  /** failures after which the key is locked for `lockSeconds` */
  lockAfter: number;
  lockSeconds: number;
  /** the longest exponential delay before the lock */
  maxDelaySeconds: number;
  /** a key with no failure for this long is forgotten */
  forgetAfterSeconds: number;
}

/** An account is attacked by guessing its password: few free tries, a lock after ten failures. */
export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  lockAfter: 10,
  lockSeconds: 15 * 60,
  maxDelaySeconds: 60,
  forgetAfterSeconds: 15 * 60,
};

/** An address may be a town hall's shared NAT: more room before it is slowed down. */
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 10,
  lockAfter: 50,
  lockSeconds: 15 * 60,
  maxDelaySeconds: 60,
  forgetAfterSeconds: 15 * 60,
};

/** At most this many keys are remembered; the oldest are dropped first (an attack on memory). */
const MAX_KEYS = 20_000;

interface Entry {
  failures: number;
  lastFailure: number;
  /** epoch ms before which the next attempt is refused */
  blockedUntil: number;
}

class KeyedThrottle {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly policy: ThrottlePolicy) {}

  /** Seconds until an attempt on this key is allowed; 0 when it is allowed now. */
  wait(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    if (now - e.lastFailure > this.policy.forgetAfterSeconds * 1000 && now >= e.blockedUntil) {
      this.entries.delete(key);
      return 0;
    }
    return e.blockedUntil > now ? Math.ceil((e.blockedUntil - now) / 1000) : 0;
  }

  fail(key: string, now: number): void {
    const p = this.policy;
    const e = this.entries.get(key) ?? { failures: 0, lastFailure: now, blockedUntil: 0 };
    e.failures += 1;
    e.lastFailure = now;
    if (e.failures >= p.lockAfter) e.blockedUntil = now + p.lockSeconds * 1000;
    else if (e.failures > p.freeFailures) {
      const delay = Math.min(2 ** (e.failures - p.freeFailures - 1), p.maxDelaySeconds);
      e.blockedUntil = now + delay * 1000;
    }
    // re-insert so the map's order is the order of last failure
    this.entries.delete(key);
    this.entries.set(key, e);
    if (this.entries.size > MAX_KEYS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  /** Takes back one failure counted in advance (the attempt succeeded). */
  undo(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    e.failures -= 1;
    if (e.failures <= 0) this.entries.delete(key);
    else if (e.failures <= this.policy.freeFailures) e.blockedUntil = 0;
  }
}

export class SignInThrottle {
  private readonly accounts: KeyedThrottle;
  private readonly addresses: KeyedThrottle;

  constructor(
    private readonly clock: Clock,
    accountPolicy: ThrottlePolicy = ACCOUNT_POLICY,
    addressPolicy: ThrottlePolicy = ADDRESS_POLICY,
  ) {
    this.accounts = new KeyedThrottle(accountPolicy);
    this.addresses = new KeyedThrottle(addressPolicy);
  }

  private now(): number {
    return (this.clock.now() as Temporal.Instant).epochMilliseconds;
  }

  /**
   * Seconds to wait before this attempt may be checked (nothing is recorded then); 0 when it may
   * be checked now, and then it is counted as a failure at once, so that many attempts sent in
   * parallel cannot all slip through before the first one fails. {@link succeeded} clears it.
   */
  attempt(email: string, address: string): number {
    const now = this.now();
    const wait = Math.max(this.accounts.wait(accountKey(email), now), this.addresses.wait(address, now));
    if (wait > 0) return wait;
    this.accounts.fail(accountKey(email), now);
    this.addresses.fail(address, now);
    return 0;
  }

  /** The attempt could not be checked (the database failed): its advance failure is taken back. */
  cancelled(email: string, address: string): void {
    this.accounts.undo(accountKey(email));
    this.addresses.undo(address);
  }

  /** The account starts afresh; the address only gets back the failure counted in advance. */
  succeeded(email: string, address: string): void {
    this.accounts.clear(accountKey(email));
    this.addresses.undo(address);
  }
}

const accountKey = (email: string) => email.trim().toLowerCase();
