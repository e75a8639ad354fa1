/** Runs tasks one after another, in call order: two quick saves never interleave or overwrite each other. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.#tail.then(task)
    // The caller sees the failure; the queue carries on with the next task.
    this.#tail = result.catch(() => undefined)
    return result
  }
}
