import { CodedError, type ErrorInfo } from '../errors'

export const ProfileErrorCode = {
  exists: 'EPROFILE_EXISTS',
  notFound: 'EPROFILE_NOT_FOUND',
  /** The file on disk could not be read safely (or is from a newer version): saving would destroy it. */
  readOnly: 'EPROFILE_READONLY',
  import: 'EIMPORT',
} as const

/** One problem found in an import file; `entry` is 1-based, null when it concerns the file as a whole. */
export interface ImportIssue {
  entry: number | null
  name?: string
  message: string
}

const MAX_LISTED_IN_MESSAGE = 5
/**
 * Issues an import refusal carries in `details`; the last one then says how many more there were. Uncapped, a
 * 9.5 MiB file once produced a 237 MiB answer listing 5 M entries.
 */
export const MAX_REPORTED_ISSUES = 100
/** Characters of one issue's message: it may quote a key or value taken from the file. */
export const MAX_ISSUE_MESSAGE_CHARS = 300

function shortened(issue: ImportIssue): ImportIssue {
  if (issue.message.length <= MAX_ISSUE_MESSAGE_CHARS) return issue
  return { ...issue, message: `${issue.message.slice(0, MAX_ISSUE_MESSAGE_CHARS - 1)}…` }
}

/** The first issues, each shortened, and one closing "and M more" issue when there were more. */
export function capIssues(issues: readonly ImportIssue[]): ImportIssue[] {
  const kept = issues.slice(0, MAX_REPORTED_ISSUES).map(shortened)
  const more = issues.length - kept.length
  if (more > 0) kept.push({ entry: null, message: `And ${more.toLocaleString('en-US')} more problems.` })
  return kept
}

function describeIssue(issue: ImportIssue): string {
  const where = issue.entry === null ? 'File' : `Entry ${issue.entry}${issue.name ? ` (${issue.name})` : ''}`
  return `${where}: ${issue.message}`
}

/**
 * An import refused as a whole. The per-entry details travel as `details` on the error info; the message
 * lists the first few as well, so a transport that keeps only code and message still tells the user why.
 */
export class ImportError extends CodedError {
  readonly details: ImportIssue[]

  constructor(issues: readonly ImportIssue[]) {
    const listed = issues.slice(0, MAX_LISTED_IN_MESSAGE).map(shortened).map(describeIssue).join('; ')
    const more =
      issues.length > MAX_LISTED_IN_MESSAGE
        ? `; and ${(issues.length - MAX_LISTED_IN_MESSAGE).toLocaleString('en-US')} more`
        : ''
    super(ProfileErrorCode.import, `Nothing was imported. ${listed}${more}`)
    this.name = 'ImportError'
    this.details = capIssues(issues)
  }

  override toInfo(): ErrorInfo {
    return Object.assign(super.toInfo(), { details: this.details })
  }
}

function isImportIssue(value: unknown): value is ImportIssue {
  if (value === null || typeof value !== 'object') return false
  const { entry, name, message } = value as Record<string, unknown>
  return (
    (entry === null || typeof entry === 'number') &&
    (name === undefined || typeof name === 'string') &&
    typeof message === 'string'
  )
}

/** The per-entry details of an EIMPORT failure that crossed a transport, when they survived it. */
export function importIssuesOf(error: ErrorInfo): ImportIssue[] | undefined {
  const details = (error as ErrorInfo & { details?: unknown }).details
  return Array.isArray(details) && details.every(isImportIssue) ? details : undefined
}
