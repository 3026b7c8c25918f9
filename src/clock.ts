/**
 * The one place the product reads the time.
 *
 * Two kinds of time exist and are kept apart:
 * - `Clock`: the organisation's "now" — which period is current, what is due, when a report is late.
 *   Tests and the local console replace it with a `ManualClock` to stand at any instant.
 * - `WireTimer`: real elapsed time for talking to Slack (rate-limit pacing, Retry-After, claim
 *   leases). It stays real even when the organisation's clock is moved, because Slack's limits are.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date): void {
    this.current = instant.getTime();
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

export interface WireTimer {
  /** Milliseconds since the epoch, real time. */
  nowMs(): number;
  sleep(milliseconds: number): Promise<void>;
}

export const realWireTimer: WireTimer = {
  nowMs: () => Date.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, Math.max(0, milliseconds))),
};
