export * from './fault-registry'
