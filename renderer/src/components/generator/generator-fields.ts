import type { StartGeneratorRequest } from '../../../../electron/shared/generator'
import { GeneratorLimits } from '../../../../electron/shared/generator'
import { parseInteger } from '../../lib/parse'

/** The Generator panel's text boxes as typed. */
export interface GeneratorFields {
  rate: string
  size: string
  count: string
  duration: string
  measure: boolean
}

export const defaultGeneratorFields = (): GeneratorFields => ({
  rate: '1000',
  size: String(GeneratorLimits.defaultMessageBytes),
  count: '',
  duration: '10',
  measure: false,
})

/** A field that does not hold what it should: its i18n key. */
export class GeneratorFieldError extends Error {
  constructor(readonly key: string) {
    super(key)
  }
}

const positive = (text: string): number | undefined => {
  const value = Number(text.trim())
  return /^\d+(\.\d+)?$/.test(text.trim()) && value > 0 ? value : undefined
}

/** The start request the fields ask for; throws GeneratorFieldError naming the first wrong field. */
export function generatorRequest(sessionId: string, fields: GeneratorFields): StartGeneratorRequest {
  const request: StartGeneratorRequest = { sessionId, measure: fields.measure }
  if (fields.rate.trim() !== '') {
    const rate = positive(fields.rate)
    if (rate === undefined || rate > GeneratorLimits.maxMessagesPerSecond)
      throw new GeneratorFieldError('generator.badRate')
    request.rate = rate
  }
  const size = parseInteger(fields.size, 0, GeneratorLimits.maxMessageBytes)
  if (size === undefined) throw new GeneratorFieldError('generator.badSize')
  request.size = size
  if (fields.count.trim() !== '') {
    const count = parseInteger(fields.count, 1, GeneratorLimits.maxCount)
    if (count === undefined) throw new GeneratorFieldError('generator.badCount')
    request.count = count
  }
  if (fields.duration.trim() !== '') {
    const seconds = positive(fields.duration)
    if (seconds === undefined || seconds * 1000 > GeneratorLimits.maxDurationMs)
      throw new GeneratorFieldError('generator.badDuration')
    request.durationMs = Math.max(1, Math.round(seconds * 1000))
  }
  return request
}
