import { CodedError, type ErrorInfo } from '../errors'
import {
  englishReason,
  ImportReasonCode,
  isImportReasonCode,
  type ImportReason,
  type ImportReasonParams,
} from './import-reasons'

export const ProfileErrorCode = {
  exists: 'EPROFILE_EXISTS',
  notFound: 'EPROFILE_NOT_FOUND',
  /** The file on disk could not be read safely (or is from a newer version): saving would destroy it. */
  readOnly: 'EPROFILE_READONLY',
  import: 'EIMPORT',
} as const

/**
 * One problem found in an import file; `entry` is 1-based, null when it concerns the file as a whole. `reason` is
 * what the UI translates; `message` is its English sentence (the CLI's, and the refusal's message).
 */
export interface ImportIssue {
  entry: number | null
  name?: string
  reason: ImportReason
  message: string
}

/** An issue with its reason, and the reason's English sentence as its message. */
export function importIssue(entry: number | null, reason: ImportReason, name?: string): ImportIssue {
  return { entry, ...(name === undefined ? {} : { name }), reason, message: englishReason(reason) }
}

const MAX_LISTED_IN_MESSAGE = 5
/**
 * Issues an import refusal carries in `details`; the last one then says how many more there were. Uncapped, a
 * 9.5 MiB file once produced a 237 MiB answer listing 5 M entries.
 */
export const MAX_REPORTED_ISSUES = 100
/** Characters of one issue's message: it may quote a key or value taken from the file. */
export const MAX_ISSUE_MESSAGE_CHARS = 300

const shortenedText = (text: string): string =>
  text.length <= MAX_ISSUE_MESSAGE_CHARS ? text : `${text.slice(0, MAX_ISSUE_MESSAGE_CHARS - 1)}…`

function shortened(issue: ImportIssue): ImportIssue {
  const params: ImportReasonParams = {}
  for (const [key, value] of Object.entries(issue.reason.params)) {
    params[key] = typeof value === 'string' ? shortenedText(value) : value
  }
  return { ...issue, reason: { ...issue.reason, params }, message: shortenedText(issue.message) }
}

/** The first issues, each shortened, and one closing "and M more" issue when there were more. */
export function capIssues(issues: readonly ImportIssue[]): ImportIssue[] {
  const kept = issues.slice(0, MAX_REPORTED_ISSUES).map(shortened)
  const more = issues.length - kept.length
  if (more > 0) kept.push(importIssue(null, { code: ImportReasonCode.more, params: { count: more } }))
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

function isImportReason(value: unknown): value is ImportReason {
  if (value === null || typeof value !== 'object') return false
  const { code, params } = value as Record<string, unknown>
  return (
    isImportReasonCode(code) &&
    params !== null &&
    typeof params === 'object' &&
    Object.values(params).every((param) => typeof param === 'string' || typeof param === 'number')
  )
}

function isImportIssue(value: unknown): value is ImportIssue {
  if (value === null || typeof value !== 'object') return false
  const { entry, name, reason, message } = value as Record<string, unknown>
  return (
    (entry === null || typeof entry === 'number') &&
    (name === undefined || typeof name === 'string') &&
    isImportReason(reason) &&
    typeof message === 'string'
  )
}

/** The per-entry details of an EIMPORT failure that crossed a transport, when they survived it. */
export function importIssuesOf(error: ErrorInfo): ImportIssue[] | undefined {
  const details = (error as ErrorInfo & { details?: unknown }).details
  return Array.isArray(details) && details.every(isImportIssue) ? details : undefined
}
