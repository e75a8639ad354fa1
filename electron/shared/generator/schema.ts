import { z } from 'zod'
import { idSchema, payloadSchema } from '../schemas'

/** Caps of a generator run: what the renderer (untrusted) may ask for. */
export const GeneratorLimits = {
  /** Messages per second; bits per second are capped at this times 8 × 1,024. */
  maxMessagesPerSecond: 10_000_000,
  maxBitsPerSecond: 100_000_000_000,
  maxCount: 1_000_000_000_000,
  /** One day. */
  maxDurationMs: 86_400_000,
  /** Larger messages are a bulk transfer, not a generator's business; a UDP session refuses above its datagram limit. */
  maxMessageBytes: 1024 * 1024,
  defaultMessageBytes: 64,
  maxInFlight: 65_536,
} as const

/**
 * One generator run on an open session. `rate` absent: as fast as the in-flight bound allows. `count` and
 * `durationMs` both absent: until stopped; both given: whichever ends first. `data` replaces the zero-filled
 * message of `size` bytes; with `measure` its first bytes carry the probe header (see the README, Generator).
 */
export const startGeneratorRequestSchema = z
  .strictObject({
    sessionId: idSchema,
    rate: z.number().positive().max(GeneratorLimits.maxBitsPerSecond).optional(),
    rateUnit: z.enum(['messages', 'bits']).default('messages'),
    size: z.number().int().min(0).max(GeneratorLimits.maxMessageBytes).optional(),
    data: payloadSchema
      .refine((bytes) => bytes.byteLength <= GeneratorLimits.maxMessageBytes, {
        message: `A generator message may hold at most ${GeneratorLimits.maxMessageBytes} bytes`,
      })
      .optional(),
    count: z.number().int().min(1).max(GeneratorLimits.maxCount).optional(),
    durationMs: z.number().int().min(1).max(GeneratorLimits.maxDurationMs).optional(),
    measure: z.boolean().default(false),
    /** Messages handed to the socket and not yet completed; default: the generator's own choice per transport. */
    maxInFlight: z.number().int().min(1).max(GeneratorLimits.maxInFlight).optional(),
  })
  .refine((request) => !(request.size !== undefined && request.data !== undefined), {
    message: 'Give a size or the data, not both',
    path: ['data'],
  })
  .refine(
    (request) => request.rateUnit === 'bits' || (request.rate ?? 0) <= GeneratorLimits.maxMessagesPerSecond,
    {
      message: `A rate may be at most ${GeneratorLimits.maxMessagesPerSecond} messages per second`,
      path: ['rate'],
    },
  )

export type StartGeneratorRequest = z.input<typeof startGeneratorRequestSchema>
export type StartGeneratorCommand = z.output<typeof startGeneratorRequestSchema>
