/** The child side of a PeerProcess: one handler per request, its answer sent back. */
export function servePeer<T>(handle: (request: T) => Promise<object>): void {
  process.on('message', (request: T) => {
    handle(request).then(
      (reply) => process.send?.(reply),
      (error: unknown) => {
        process.stderr.write(`peer failed: ${error instanceof Error ? error.stack : String(error)}\n`)
        process.exit(1)
      },
    )
  })
}
