import type { Framer, FramerOutput } from '../../../electron/shared/framing'

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

/** Pushes each chunk, then ends the stream; everything reported, in order. */
export function runFramer(framer: Framer, chunks: Uint8Array[], { idleAtEnd = false } = {}): string[] {
  const outputs: FramerOutput[] = []
  for (const chunk of chunks) outputs.push(...framer.push(chunk))
  if (idleAtEnd) outputs.push(...framer.idle())
  outputs.push(...framer.flush())
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
