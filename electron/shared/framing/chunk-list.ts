/**
 * The bytes of one frame in progress, kept as the chunks they arrived in and joined once when the frame ends:
 * appending never copies, so a 16 MiB frame in 64 KiB reads costs one copy, not a quadratic number.
 */
export class ChunkList {
  private chunks: Uint8Array[] = []
  byteLength = 0

  push(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return
    this.chunks.push(bytes)
    this.byteLength += bytes.byteLength
  }

  /** Everything held as one array (a single chunk is handed on as it is), leaving the list empty. */
  take(): Uint8Array {
    const { chunks, byteLength } = this
    this.clear()
    if (chunks.length === 1) return chunks[0]
    const joined = new Uint8Array(byteLength)
    let at = 0
    for (const chunk of chunks) {
      joined.set(chunk, at)
      at += chunk.byteLength
    }
    return joined
  }

  clear(): void {
    this.chunks = []
    this.byteLength = 0
  }
}
