export * from './report'
export * from './schema'
