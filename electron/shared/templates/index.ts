// Message templates: `{{…}}` macros (counter, time, binary fields, checksums, regex captures) in text, hex or
// base64 input, compiled once and expanded per send. Isomorphic: the engine expands, the renderer previews.
export type { CompiledTemplate, ExpandContext, MacroDefinition, MacroExample, TemplateResult } from './types'
export { compileTemplate } from './compile-template'
export { macroRegistry } from './macros'
export { CrcCatalogue, createCrc, type CrcFunction, type CrcParameters } from './crc'
