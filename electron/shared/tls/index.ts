export * from './tls-schema'
export * from './tls-details'
