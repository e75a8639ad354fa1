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

  constructor(details: ImportIssue[]) {
    const listed = details.slice(0, MAX_LISTED_IN_MESSAGE).map(describeIssue).join('; ')
    const more =
      details.length > MAX_LISTED_IN_MESSAGE ? `; and ${details.length - MAX_LISTED_IN_MESSAGE} more` : ''
    super(ProfileErrorCode.import, `Nothing was imported. ${listed}${more}`)
    this.name = 'ImportError'
    this.details = details
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
