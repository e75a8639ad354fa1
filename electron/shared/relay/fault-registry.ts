import { z } from 'zod'

// Every fault a relay can apply, in one table: its schema (with the value that means "off"), which relays it
// makes sense for (datagrams, byte streams or both), and its CLI option. The engine's effect of each one sits in
// electron/core/engine/relay/fault-effects.ts, keyed by the same names (the compiler refuses a missing one), and a
// test checks the two tables, the CLI options and the UI agree. Adding a fault starts here.

export interface FaultDefinition<Schema extends z.ZodType> {
  schema: Schema
  /** The value that leaves traffic untouched. */
  off: z.output<Schema>
  /**
   * The relays it makes sense for. 'datagrams': UDP only (TCP never loses bytes silently, it offers a reset or a
   * stall instead); 'streams': TCP only (a connection to reset, a socket whose reading stops); 'both'.
   */
  appliesTo: 'both' | 'datagrams' | 'streams'
  /** The CLI's option for it (both directions), or undefined when the CLI does not set it. */
  cliOption: string | undefined
  /** One English sentence for usage texts. */
  summary: string
}

const define = <Schema extends z.ZodType>(definition: FaultDefinition<Schema>) => definition

export const MAX_FAULT_DELAY_MS = 60_000

export const faultDefinitions = {
  delayMs: define({
    schema: z.number().int().min(0).max(MAX_FAULT_DELAY_MS),
    off: 0,
    appliesTo: 'both',
    cliOption: '--delay',
    summary: 'holds each chunk or datagram this many milliseconds before forwarding it',
  }),
  jitterMs: define({
    schema: z.number().int().min(0).max(MAX_FAULT_DELAY_MS),
    off: 0,
    appliesTo: 'both',
    cliOption: '--jitter',
    summary: 'adds up to this many milliseconds more at random (TCP keeps the order)',
  }),
  dropPercent: define({
    schema: z.number().min(0).max(100),
    off: 0,
    appliesTo: 'datagrams',
    cliOption: '--drop',
    summary: 'drops this percentage of datagrams at random (UDP only)',
  }),
  rateLimitBytesPerSecond: define({
    schema: z.number().int().min(0).max(10_000_000_000),
    off: 0,
    appliesTo: 'both',
    cliOption: '--rate-limit',
    summary: 'forwards at most this many bytes per second (0: no limit)',
  }),
  paused: define({
    schema: z.boolean(),
    off: false,
    appliesTo: 'both',
    cliOption: undefined,
    summary: 'holds everything (TCP: in order, reading stops once the hold is full) until resumed',
  }),
  resetPercent: define({
    schema: z.number().min(0).max(100),
    off: 0,
    appliesTo: 'streams',
    cliOption: '--reset',
    summary:
      'resets the pair (RST to client and upstream) at a chunk with this percentage chance, instead of forwarding it (TCP only)',
  }),
  stalled: define({
    schema: z.boolean(),
    off: false,
    appliesTo: 'streams',
    cliOption: undefined,
    summary:
      'stops forwarding without closing: reading stops at once, so the sender sees its window close (TCP only)',
  }),
}

export type FaultName = keyof typeof faultDefinitions
export const faultNames = Object.keys(faultDefinitions) as FaultName[]

/** The faults of one direction, every one present. */
export type DirectionFaults = { [K in FaultName]: z.output<(typeof faultDefinitions)[K]['schema']> }

const directionShape = Object.fromEntries(
  faultNames.map((name) => {
    const { schema, off } = faultDefinitions[name] as FaultDefinition<z.ZodType>
    return [name, schema.default(off)]
  }),
) as { [K in FaultName]: z.ZodDefault<(typeof faultDefinitions)[K]['schema']> }

/** One direction's faults; what is left out is off. */
export const directionFaultsSchema = z.strictObject(directionShape)

export const noFaults = (): DirectionFaults => directionFaultsSchema.parse({})

/** Which way bytes flow through a relay: from a client to the upstream, or back. */
export const relayDirections = ['to-upstream', 'to-client'] as const
export type RelayDirection = (typeof relayDirections)[number]

/** Faults per direction, as a relay session holds them. */
export const relayFaultsSchema = z.strictObject({
  toUpstream: directionFaultsSchema.default(noFaults),
  toClient: directionFaultsSchema.default(noFaults),
})

/** No fault in either direction. */
export const noRelayFaults = (): z.output<typeof relayFaultsSchema> => ({
  toUpstream: noFaults(),
  toClient: noFaults(),
})

export type RelayFaults = z.output<typeof relayFaultsSchema>
export type RelayFaultsInput = z.input<typeof relayFaultsSchema>

export const faultsKeyOf: Record<RelayDirection, keyof RelayFaults> = {
  'to-upstream': 'toUpstream',
  'to-client': 'toClient',
}
