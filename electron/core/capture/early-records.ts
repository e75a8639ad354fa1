/**
 * Records of events that happen while the capture file is still being opened: the service listens from the
 * moment recording is asked for (a server's greeting can arrive in that millisecond), holds them here in order,
 * and hands them to the writer once it exists. Bounded like the writer's queue; past the bound it holds nothing
 * more and says so.
 */
export class EarlyRecords {
  private lines: string[] = []
  private chars = 0
  private overflowed = false
  private ended = false

  constructor(private readonly maxChars: number) {}

  hold(line: string, endsSession: boolean): void {
    this.ended ||= endsSession
    if (this.overflowed) return
    this.chars += line.length
    if (this.chars <= this.maxChars) {
      this.lines.push(line)
      return
    }
    this.overflowed = true
    this.lines = []
  }

  /** More arrived than the bound while the file was opening. */
  get overrun(): boolean {
    return this.overflowed
  }

  /** The session closed while the file was opening: the capture finishes right after writing these. */
  get sessionEnded(): boolean {
    return this.ended
  }

  take(): string[] {
    const lines = this.lines
    this.lines = []
    return lines
  }
}
