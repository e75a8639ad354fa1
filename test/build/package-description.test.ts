import { describe, expect, it } from 'vitest'
import { openSessionRequestSchema, tcpClientOptionsSchema } from '../../electron/shared/schemas'
import { packageJson } from './project'

// The description is what registries and installers show: it names only what the app does today.
const FEATURES: Record<string, () => boolean> = {
  framing: () => 'framing' in tcpClientOptionsSchema.shape,
  tls: () => 'tls' in tcpClientOptionsSchema.shape,
  relay: () => openSessionRequestSchema.options.some((option) => option.shape.kind.value.includes('relay')),
}

describe('package.json description', () => {
  const description = (packageJson as unknown as { description: string }).description

  it.each(Object.keys(FEATURES))('mentions %s only once the app has it', (feature) => {
    if (new RegExp(`\\b${feature}\\b`, 'i').test(description)) expect(FEATURES[feature]!()).toBe(true)
  })
})
