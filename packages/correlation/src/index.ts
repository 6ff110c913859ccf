export {
  correlationIdOrNew,
  currentCorrelation,
  isValidCorrelationId,
  withCorrelation,
  type Correlation,
} from './correlation.ts';
