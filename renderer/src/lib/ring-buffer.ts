/**
 * A fixed-capacity FIFO: pushing past capacity drops the oldest item. Plain (non-reactive) on purpose:
 * the log holds up to 100,000 rows per session and Vue must not walk them.
 */
export class RingBuffer<T> {
  private items: (T | undefined)[]
  private head = 0
  private size = 0

  constructor(private cap: number) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError('Ring capacity must be a positive integer')
    this.items = new Array<T | undefined>(cap)
  }

  get length(): number {
    return this.size
  }

  get capacity(): number {
    return this.cap
  }

  /** Appends an item; returns how many items were dropped to make room (0 or 1). */
  push(item: T): number {
    const tail = (this.head + this.size) % this.cap
    this.items[tail] = item
    if (this.size < this.cap) {
      this.size++
      return 0
    }
    this.head = (this.head + 1) % this.cap
    return 1
  }

  /** The item at `index`, 0 being the oldest kept. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined
    return this.items[(this.head + index) % this.cap]
  }

  toArray(): T[] {
    const out = new Array<T>(this.size)
    for (let i = 0; i < this.size; i++) out[i] = this.items[(this.head + i) % this.cap] as T
    return out
  }

  clear(): void {
    this.items = new Array<T | undefined>(this.cap)
    this.head = 0
    this.size = 0
  }

  /** Changes the capacity keeping the newest items; returns how many old items were dropped. */
  resize(capacity: number): number {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('Ring capacity must be a positive integer')
    const kept = this.toArray()
    const dropped = Math.max(0, kept.length - capacity)
    this.cap = capacity
    this.items = new Array<T | undefined>(capacity)
    this.head = 0
    this.size = 0
    for (let i = dropped; i < kept.length; i++) this.push(kept[i] as T)
    return dropped
  }
}
