/** One thing a framer reports, in stream order (frames inside the pushed chunk come as offsets: FrameBatch). */
export type FramerOutput =
  /** A whole frame. It may be a view of pushed bytes: callers must not change bytes after pushing them. */
  | { type: 'frame'; bytes: Uint8Array }
  /** A frame longer than the maximum: its bytes were discarded up to the next boundary. */
  | { type: 'too-long'; byteLength: number }
  /** A length field that gives a frame shorter than its own header: the header was discarded. */
  | { type: 'bad-length'; frameLength: number }
  /** The stream ended (flush) in the middle of a frame: these bytes never became one. */
  | { type: 'incomplete'; byteLength: number }

/**
 * What a framer reports for one call, without an object per frame: the frames that lie wholly inside the pushed
 * chunk as offsets into it, and everything else (a frame that began in an earlier chunk or was unescaped, an
 * over-long frame, the end of the stream mid-frame) in stream order among them. Under a flood of small frames an
 * object per frame cost more than everything else the engine does with them.
 *
 * A batch is its framer's scratch, valid until the framer's next call: copy what you keep.
 */
export interface FrameBatch {
  /** What was pushed (empty for flush and idle). */
  readonly chunk: Uint8Array
  /** In-chunk frames: frame i is `chunk[starts[i], ends[i])`; only the first `count` entries are meaningful. */
  readonly count: number
  readonly starts: Uint32Array
  readonly ends: Uint32Array
  /** Everything else, in stream order: each comes just before in-chunk frame `before` (`count`: after the last). */
  readonly others: readonly PlacedOutput[]
}

export interface PlacedOutput {
  before: number
  output: FramerOutput
}

const INITIAL_CAPACITY = 256
const noBytes = new Uint8Array(0)

/** A framer's reusable batch: arrays that grow with the largest push and are let go when far too large again. */
export class FrameBatchBuilder implements FrameBatch {
  chunk: Uint8Array = noBytes
  count = 0
  starts = new Uint32Array(INITIAL_CAPACITY)
  ends = new Uint32Array(INITIAL_CAPACITY)
  others: PlacedOutput[] = []
  /** In-chunk frames of the last push (flush and idle have none to report): what the arrays are sized by. */
  private lastPushFrames = 0

  /** Empties the batch for the next call: a push of `chunk`, or flush or idle (no chunk). */
  begin(chunk?: Uint8Array): this {
    if (this.chunk.length > 0) this.lastPushFrames = this.count
    this.chunk = chunk ?? noBytes
    this.count = 0
    // One push of a huge number of tiny frames (a flood of empty lines) must not pin its arrays for the life of
    // the connection; a flush between pushes (each UDP datagram) does not count as a small push.
    const capacity = this.starts.length
    if (chunk !== undefined && capacity > INITIAL_CAPACITY && this.lastPushFrames < capacity / 8) {
      this.allocate(Math.max(INITIAL_CAPACITY, this.lastPushFrames * 2))
    }
    if (this.others.length > 0) this.others = []
    return this
  }

  /** The frame `chunk[start, end)`. */
  frame(start: number, end: number): void {
    if (this.count === this.starts.length) this.allocate(this.count * 2)
    this.starts[this.count] = start
    this.ends[this.count] = end
    this.count += 1
  }

  /** Anything that is not an in-chunk frame, after the in-chunk frames so far. */
  other(output: FramerOutput): void {
    this.others.push({ before: this.count, output })
  }

  private allocate(capacity: number): void {
    const { starts, ends, count } = this
    this.starts = new Uint32Array(capacity)
    this.ends = new Uint32Array(capacity)
    this.starts.set(starts.subarray(0, count))
    this.ends.set(ends.subarray(0, count))
  }
}

/** Walks a batch in stream order: runs of in-chunk frames `[from, to)`, and each other output where it belongs. */
export function walkFrameBatch(
  batch: FrameBatch,
  run: (from: number, to: number) => void,
  other: (output: FramerOutput) => void,
): void {
  let from = 0
  for (const { before, output } of batch.others) {
    if (before > from) run(from, before)
    from = before
    other(output)
  }
  if (batch.count > from) run(from, batch.count)
}
