import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'

/** Where something is in a sequence file: 1-based line and column, as editors count them. */
export interface SourcePosition {
  line: number
  column: number
}

export type DataPath = ReadonlyArray<string | number>

/** The YAML nodes at a data path: the value, and (in a map) its key. Missing tails stop at the nearest parent. */
interface Located {
  node: Node | undefined
  key: Node | undefined
  /** True when the whole path exists. */
  complete: boolean
}

function locate(document: Document, path: DataPath): Located {
  let node = document.contents ?? undefined
  let key: Node | undefined
  for (const [index, step] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === step)
      if (pair === undefined) return { node, key, complete: false }
      key = isScalar(pair.key) ? pair.key : undefined
      node = (pair.value ?? undefined) as Node | undefined
      // `key:` with nothing after it: the key is the only place to point at.
      if (node === undefined) return { node: key, key, complete: index === path.length - 1 }
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined
      if (item === undefined) return { node, key, complete: false }
      node = item
      key = undefined
    } else {
      return { node, key, complete: false }
    }
  }
  return { node, key, complete: true }
}

/** Answers positions of data paths in one parsed file. */
export class PositionFinder {
  constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Where the value at `path` starts (or its nearest existing parent). */
  valueAt(path: DataPath): SourcePosition {
    return this.at(locate(this.document, path).node)
  }

  /** Where the key `name` of the map at `path` is written; the map itself when it has no such key. */
  keyAt(path: DataPath, name: string): SourcePosition {
    const found = locate(this.document, [...path, name])
    return this.at(found.complete ? found.key : found.node)
  }

  /** The position of a character offset in the file. */
  offset(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset)
    return { line, column: col }
  }

  private at(node: Node | undefined): SourcePosition {
    return this.offset(node?.range?.[0] ?? 0)
  }
}
