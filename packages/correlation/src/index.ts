export {
  correlationHeader,
  correlationIdFrom,
  correlationIdOrNew,
  currentCorrelation,
  isValidCorrelationId,
  withCorrelation,
  type Correlation,
  type HeaderSource,
} from './correlation.ts';
