// Send/expect sequence files (issue 20): the YAML format, its registries of steps and expectations, the pure
// matchers, the results model and the recorder. Isomorphic: the CLI runs them, the app records and shows them.
export * from './sequence-model'
export * from './source-position'
export {
  parseSequenceFile,
  MAX_SEQUENCE_FILE_CHARS,
  type ParsedSequenceFile,
  type SequenceFileProblem,
} from './parse-sequence-file'
export { sequenceFileJsonSchema, sequenceFileSchema, TARGET_KEYS } from './sequence-schema'
export { stepTypes, stepKeys, type StepType } from './step-types'
export {
  expectationTypes,
  expectationKinds,
  expectationTypeOf,
  type ExpectationKind,
  type ExpectationType,
  type Resolve,
} from './expectation-types'
export * from './matcher'
export { TARGET_SCHEMES, requestOfUrl, roleOf } from './target'
export { sequenceTlsSchema, clientTlsOf, serverTlsOf, type SequenceTls } from './sequence-tls'
export * from './results'
export { substituteVariables } from './variables'
export { recordSequence, MAX_RECORDED_STEPS, type RecordInput } from './record-sequence'
