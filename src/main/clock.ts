/** Time as services see it; tests pass a fake one instead of waiting. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
  #ms: number
  constructor(start: Date | string = '2026-01-05T08:00:00.000Z') {
    this.#ms = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.#ms)
  }
  advance(ms: number): void {
    this.#ms += ms
  }
  set(to: Date | string): void {
    this.#ms = new Date(to).getTime()
  }
}
