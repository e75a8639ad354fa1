import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  expectationKinds,
  expectationTypes,
  parseSequenceFile,
  sequenceFileJsonSchema,
  stepKeys,
  stepTypes,
} from '../../../electron/shared/sequences'

// One place to add a step or an expectation: its registry entry. These checks fail when an entry is not yet
// complete: described, documented in the README, shown in an example, and present in the editors' JSON schema.

const root = join(import.meta.dirname, '../../..')
const schemaPath = join(root, 'docs/sequence.schema.json')
const examplesDir = join(root, 'docs/sequences')
const examples = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({ name, text: readFileSync(join(examplesDir, name), 'utf8') }))
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const readmeSection = readme.slice(readme.indexOf('## Sequence files'), readme.indexOf('## Tests'))

/** Every key written anywhere in the examples (keys of maps, at any depth). */
const exampleKeys = new Set(
  examples.flatMap(({ text }) => [...text.matchAll(/([a-z_0-9]+):/g)].map((match) => match[1])),
)

describe('sequence file docs', () => {
  it('docs/sequence.schema.json is the JSON schema of the format (UPDATE_SEQUENCE_SCHEMA=1 rewrites it)', () => {
    // Compared as data: prettier may lay the file out its own way.
    if (process.env.UPDATE_SEQUENCE_SCHEMA === '1')
      writeFileSync(schemaPath, `${JSON.stringify(sequenceFileJsonSchema(), null, 2)}\n`)
    expect(JSON.parse(readFileSync(schemaPath, 'utf8'))).toEqual(sequenceFileJsonSchema())
  })

  it.each(examples.map(({ name }) => name))('the example %s is a valid sequence file', (name) => {
    const result = parseSequenceFile(examples.find((example) => example.name === name)!.text)
    expect(result.ok ? [] : result.problems).toEqual([])
  })

  it.each(stepKeys)('step %s: described, in the README, in an example, in the JSON schema', (key) => {
    expect(stepTypes[key]!.description.length).toBeGreaterThan(10)
    expect(readmeSection).toContain(`\`${key}:`)
    expect(exampleKeys).toContain(key)
    expect(readFileSync(schemaPath, 'utf8')).toContain(`"${key}"`)
  })

  it.each(expectationKinds)(
    'expectation %s: described, in the README, in an example, in the JSON schema',
    (kind) => {
      expect(expectationTypes[kind].description.length).toBeGreaterThan(10)
      expect(readmeSection).toContain(`\`${kind}:`)
      expect(exampleKeys).toContain(kind)
      expect(readFileSync(schemaPath, 'utf8')).toContain(`"${kind}"`)
    },
  )
})
