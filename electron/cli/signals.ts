import { ExitCode } from './exit-codes'

/**
 * The first SIGINT or SIGTERM asks for an orderly stop (every socket closed, exit 0); a second SIGINT gives up
 * at once with 130, as a shell does. Returns the function that removes the handlers.
 */
export function onStopSignals(stop: () => void, exit: (code: number) => void = process.exit): () => void {
  let stopping = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!stopping) {
      stopping = true
      stop()
    } else if (signal === 'SIGINT') {
      exit(ExitCode.interrupted)
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
