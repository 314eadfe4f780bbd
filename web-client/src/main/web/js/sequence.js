// Server events carry `seq` (one more per event to this participant). This puts them back in order if they
// arrive out of order, drops repeats (a replay after resume may overlap what we saw), and knows the last seq
// processed without a gap: the `lastSeq` of the next resume, so the server replays exactly what is missing.

/** How long events after a gap wait for the missing ones before they are delivered anyway. */
const GAP_WAIT_MS = 1000;

/**
 * @template {{ seq: number }} E
 */
export class EventSequence {
  /** Highest seq delivered with nothing missing before it; null until the first event of a connection. */
  /** @type {number | null} */
  #last = null;
  /** @type {Map<number, E>} */
  #ahead = new Map();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #gapTimer;

  /** @param {(event: E) => void} deliver */
  constructor(deliver) {
    this.deliver = deliver;
  }

  get lastSeq() {
    return this.#last ?? 0;
  }

  /** A fresh (not resumed) connection: its numbering is learnt from its first event. */
  reset() {
    this.#last = null;
    this.#ahead.clear();
    clearTimeout(this.#gapTimer);
    this.#gapTimer = undefined;
  }

  /** @param {E} event */
  push(event) {
    const seq = event.seq;
    if (this.#last === null) {
      this.#last = seq - 1;
    }
    if (seq <= this.#last || this.#ahead.has(seq)) {
      return;
    }
    this.#ahead.set(seq, event);
    this.#drain();
  }

  #drain() {
    let next;
    while (this.#last !== null && (next = this.#ahead.get(this.#last + 1)) !== undefined) {
      this.#ahead.delete(this.#last + 1);
      this.#last++;
      this.deliver(next);
    }
    if (this.#ahead.size === 0) {
      clearTimeout(this.#gapTimer);
      this.#gapTimer = undefined;
    } else if (this.#gapTimer === undefined) {
      this.#gapTimer = setTimeout(() => {
        // The missing events are not coming (the server no longer had them): go on without them.
        this.#gapTimer = undefined;
        this.#last = Math.min(...this.#ahead.keys()) - 1;
        this.#drain();
      }, GAP_WAIT_MS);
    }
  }
}
