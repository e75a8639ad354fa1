import {
  OwnErrorCode,
  fail,
  ok,
  payloadShapeProblem,
  requestSchemas,
  toErrorInfo,
  type ChannelName,
  type ParsedRequest,
  type RequestMap,
  type Result,
} from '../../shared'

/** A channel's handler: untrusted payload in, envelope out. */
export type Handler<K extends ChannelName> = (payload: unknown) => Promise<Result<RequestMap[K]['response']>>

/** What a handler does once its payload has passed the schema. */
export type Action<K extends ChannelName> = (
  request: ParsedRequest<K>,
) => Promise<RequestMap[K]['response']> | RequestMap[K]['response']

/** Characters of a refusal: zod quotes keys and values of the request, which may be attacker-sized. */
const MAX_REFUSAL_CHARS = 300

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : ''
  const text = `Invalid request: ${where}${issue.message}`
  return text.length > MAX_REFUSAL_CHARS ? `${text.slice(0, MAX_REFUSAL_CHARS - 1)}…` : text
}

/** The one gate every request passes: a cheap shape check, the channel's schema, then the action. */
export function guard<K extends ChannelName>(channel: K, action: Action<K>): Handler<K> {
  const schema = requestSchemas[channel]
  return async (payload: unknown) => {
    const shapeProblem = payloadShapeProblem(payload)
    if (shapeProblem)
      return fail({ code: OwnErrorCode.invalidRequest, message: `Invalid request: ${shapeProblem}` })
    const parsed = schema.safeParse(payload)
    if (!parsed.success) {
      return fail({ code: OwnErrorCode.invalidRequest, message: describeIssue(parsed.error.issues[0]!) })
    }
    try {
      return ok(await action(parsed.data as ParsedRequest<K>))
    } catch (thrown) {
      return fail(toErrorInfo(thrown))
    }
  }
}
