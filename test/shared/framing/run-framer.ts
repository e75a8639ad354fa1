import {
  walkFrameBatch,
  type FrameBatch,
  type Framer,
  type FramerOutput,
} from '../../../electron/shared/framing'

/** What a framer reported, as comparable text: frames in hex, reports with their sizes. */
export const describeOutput = (output: FramerOutput): string => {
  switch (output.type) {
    case 'frame':
      return `frame ${Buffer.from(output.bytes).toString('hex')}`
    case 'too-long':
      return `too-long ${output.byteLength}`
    case 'bad-length':
      return `bad-length ${output.frameLength}`
    case 'incomplete':
      return `incomplete ${output.byteLength}`
  }
}

/** A batch as the outputs it stands for, in stream order: each in-chunk frame as a view of the chunk. */
export function outputsOf(batch: FrameBatch): FramerOutput[] {
  const outputs: FramerOutput[] = []
  walkFrameBatch(
    batch,
    (from, to) => {
      for (let index = from; index < to; index++) {
        outputs.push({ type: 'frame', bytes: batch.chunk.subarray(batch.starts[index], batch.ends[index]) })
      }
    },
    (output) => outputs.push(output),
  )
  return outputs
}

/** Pushes each chunk, then ends the stream; everything reported, in order. */
export function runFramer(framer: Framer, chunks: Uint8Array[], { idleAtEnd = false } = {}): string[] {
  const outputs: FramerOutput[] = []
  for (const chunk of chunks) outputs.push(...outputsOf(framer.push(chunk)))
  if (idleAtEnd) outputs.push(...outputsOf(framer.idle()))
  outputs.push(...outputsOf(framer.flush()))
  return outputs.map(describeOutput)
}

/** `bytes` cut at the given positions (sorted, out-of-range ones ignored). */
export function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const positions = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const position of [...positions, bytes.length]) {
    chunks.push(bytes.slice(start, position))
    start = position
  }
  return chunks
}

export const singleBytes = (bytes: Uint8Array): Uint8Array[] => [...bytes].map((byte) => Uint8Array.of(byte))

export const bytesOf = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'))

export const hexOf = (text: string): string => Buffer.from(text, 'latin1').toString('hex')
