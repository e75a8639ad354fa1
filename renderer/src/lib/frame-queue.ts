/**
 * Redraws that run on timers of their own (the log, the timeline, the rates chart), one per animation frame.
 * As plain timer tasks they fell due together under a flood and ran back to back — three redraws, each forcing
 * the layout the one before had dirtied — before the browser drew the next frame (70 ms and more). Run here, each
 * is at the start of a frame no other of these redraws uses, and the layout it needs is that frame's own.
 */

/** The frame (its time, shared by all of a frame's callbacks) a redraw already ran in. */
let claimedFrame = Number.NaN

/** Runs `job` in the next animation frame no other job claimed; answers how to take it back. */
export function inOwnFrame(job: () => void): () => void {
  let handle = requestAnimationFrame(function run(frameTime) {
    if (frameTime === claimedFrame) {
      handle = requestAnimationFrame(run)
      return
    }
    claimedFrame = frameTime
    job()
  })
  return () => cancelAnimationFrame(handle)
}
