export * from './kind-descriptor'
export { capabilitiesOf, describeKind, endpointKey, sessionKindNames, sessionKinds } from './registry'
