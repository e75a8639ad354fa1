export { ZERO_RATES, ratesBetween, type CounterSample, type Rates } from './rates'
export { RateMeter, type RateSeries } from './rate-meter'
export { describeRates, formatByteRate, formatBytes, formatMessageRate } from './format-rate'
