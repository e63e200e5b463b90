/**
 * A sleep that can be cut short: the sync worker sleeps until its next due row or its poll, and
 * anything that changes the picture (a row queued, the upstream back) wakes it at once. A wake
 * while it is awake is remembered, so the next sleep returns immediately and nothing is missed.
 * The timer never holds the process open.
 */
export class Sleeper {
  #waker: (() => void) | null = null
  #pending = false

  sleep(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#waker = null
        resolve()
      }
      const timer = setTimeout(done, ms)
      timer.unref()
      this.#waker = done
    })
  }

  wake(): void {
    if (this.#waker) this.#waker()
    else this.#pending = true
  }
}
