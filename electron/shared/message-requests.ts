import { z } from 'zod'
import type { ErrorInfo } from './errors'
import { ProfileLimits, RepeatLimits } from './profiles/limits'
import { relayDirections } from './relay/fault-registry'
import { hostSchema, idSchema, remotePortSchema } from './schemas'

// Requests that hand the engine a message as the user typed it, rather than its bytes: the engine encodes it
// and, with `expandMacros`, expands its template per send with the session's own counter. Repeat runs there too.

/** A message as typed: the same fields a saved message keeps. */
export const outgoingMessageSchema = z.strictObject({
  /** Escapes for `text`, byte pairs for `hex`, base64 for `base64`; `{{…}}` macros when `expandMacros`. */
  payload: z.string().max(ProfileLimits.maxPayloadChars),
  encoding: z.enum(['text', 'hex', 'base64']).default('text'),
  lineEnding: z.enum(['none', 'lf', 'crlf']).default('none'),
  expandMacros: z.boolean().default(false),
})

/** Where a message goes, as in a plain send: a TCP server's client (default all), a UDP destination. */
const targetShape = {
  sessionId: idSchema,
  connectionId: idSchema.optional(),
  remoteHost: hostSchema.optional(),
  remotePort: remotePortSchema.optional(),
}

export const sendMessageRequestSchema = z.strictObject({ ...targetShape, message: outgoingMessageSchema })

export const repeatStartRequestSchema = z.strictObject({
  ...targetShape,
  message: outgoingMessageSchema,
  /** Milliseconds from one send to the next. */
  everyMs: z.number().int().min(RepeatLimits.minEveryMs).max(RepeatLimits.maxEveryMs),
  /** Sends in all; 0 repeats until stopped. */
  times: z.number().int().min(0).max(RepeatLimits.maxTimes).default(0),
})

/**
 * A relay: a message as typed into one direction of one pair, or (without `connectionId`) of every pair connected
 * both ways; its template is expanded once for them all. It goes after what already waits in that direction.
 */
export const injectMessageRequestSchema = z.strictObject({
  sessionId: idSchema,
  connectionId: idSchema.optional(),
  direction: z.enum(relayDirections),
  message: outgoingMessageSchema,
})

export type OutgoingMessage = z.output<typeof outgoingMessageSchema>
export type SendMessageRequest = z.input<typeof sendMessageRequestSchema>
export type SendMessageCommand = z.output<typeof sendMessageRequestSchema>
export type InjectMessageRequest = z.input<typeof injectMessageRequestSchema>
export type InjectMessageCommand = z.output<typeof injectMessageRequestSchema>
export type RepeatStartRequest = z.input<typeof repeatStartRequestSchema>
export type RepeatStartCommand = z.output<typeof repeatStartRequestSchema>

/** A session's engine-side repeat, as the host reports it. */
export interface RepeatStatus {
  sessionId: string
  /** done: every send was made; stopped: asked to stop, or the session closed; failed: a send was refused. */
  state: 'running' | 'done' | 'stopped' | 'failed'
  /** Sends the kernel accepted. */
  sent: number
  /** Sends in all; 0: until stopped. */
  times: number
  /** Sends still to make; null when repeating until stopped. */
  remaining: number | null
  everyMs: number
  /** Epoch milliseconds. */
  startedAt: number
  /** Why a failed repeat stopped. */
  error?: ErrorInfo
}
