/**
 * Values worked out in one pass (a redraw) and reused in the next for the keys seen again. Keys a pass did not
 * use are forgotten, so the cache never holds more than two passes' worth.
 */
export class PassCache<V> {
  private previous = new Map<string, V>()
  private current = new Map<string, V>()

  /** Starts a pass: what the last pass used stays at hand, the rest goes. */
  beginPass(): void {
    this.previous = this.current
    this.current = new Map()
  }

  get(key: string, make: () => V): V {
    const value = this.current.get(key) ?? this.previous.get(key) ?? make()
    this.current.set(key, value)
    return value
  }
}
