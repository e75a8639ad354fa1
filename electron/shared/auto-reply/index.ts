// Auto-reply rules: the match types' registry, pure matchers over bytes, and the rules' schema.
export * from './auto-reply-schema'
export {
  MAX_REGEX_INPUT_BYTES,
  compileMatch,
  matchTypeNames,
  matchTypes,
  runRegexDirectly,
  type Captures,
  type MatchType,
  type MatchTypeEntry,
  type Matcher,
  type RegexRunner,
} from './match-types'
export { parseHexPattern, type HexPattern } from './hex-pattern'
export { parseReplySpec } from './reply-spec'
