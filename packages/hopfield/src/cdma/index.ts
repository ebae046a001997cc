export {
  type BitErrorRateOptions,
  type BitErrorRateResult,
  type DetectorName,
  matchedFilterBitErrorRateApproximation,
  simulateBitErrorRates,
  singleUserBitErrorRate,
} from './bit-error-rate.js';
export { bpskSymbols, noiseStdForSnr, spreadingCodes, transmit } from './channel.js';
export {
  decorrelatorDetector,
  detectionNetwork,
  hopfieldDetector,
  MAX_ML_USERS,
  matchedFilter,
  matchedFilterDetector,
  maximumLikelihoodDetector,
} from './detectors.js';
