import type { ImportIssue } from '../../../electron/shared/profiles'
import { hasMessage, translate } from '../i18n'
import { formatCount } from './numbers'

/** An import issue's reason in the UI language; the host's English sentence for a reason this page cannot say. */
export function importReasonText(issue: ImportIssue): string {
  const key = `importReasons.${issue.reason.code}`
  if (!hasMessage(key)) return issue.message
  const params = Object.fromEntries(
    Object.entries(issue.reason.params).map(([name, value]) => [
      name,
      typeof value === 'number' && Number.isInteger(value) ? formatCount(value) : value,
    ]),
  )
  return translate(key, params)
}
