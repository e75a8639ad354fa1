import { OwnErrorCode } from '../errors'
import { fail, ok, type Result } from '../result'
import { framingSchema, type Framing, type FramingMode } from './framing-schema'
import { framingModeNames, framingModeOf } from './registry'

// The CLI's `--framing SPEC` (CLI-CONTRACT.md): `none`, `delimiter:ESCAPED[:keep]`, `fixed:N`,
// `length:FIELD[:OFFSET[:ADJUST]]`, `slip`, `idle:MS`. The UI, profiles and the CLI share this one reading.

const refuse = (spec: string, why: string): Result<never> =>
  fail({ code: OwnErrorCode.invalidRequest, message: `Framing '${spec}': ${why}.` })

const isMode = (name: string): name is FramingMode => (framingModeNames as string[]).includes(name)

/** A spec string as framing options (defaults applied), or a coded error naming what is wrong with it. */
export function parseFramingSpec(spec: string): Result<Framing> {
  const [mode = '', ...args] = spec.trim().split(':')
  if (!isMode(mode)) return refuse(spec, `unknown mode '${mode}'; use one of ${framingModeNames.join(', ')}`)
  const fromArgs = framingModeOf(mode).fromArgs(args)
  if (typeof fromArgs === 'string') return refuse(spec, fromArgs)
  const parsed = framingSchema.safeParse({ mode, ...fromArgs })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return refuse(spec, `${issue.path.join('.') || mode} ${issue.message}`)
  }
  return ok(parsed.data)
}

/** Framing options as a spec string; parseFramingSpec reads it back (the maximum frame size is not written). */
export function formatFramingSpec(framing: Framing): string {
  return [framing.mode, ...framingModeOf(framing.mode).toArgs(framing)].join(':')
}
