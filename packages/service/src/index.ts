export { buildService, type ServiceApp, type ServiceOptions } from './build.ts';
export { runService, serveApp, type RunConfig, type RunningService } from './lifecycle/run.ts';
export type {
  OpenApiExtension,
  ReadinessCheck,
  RoutePlugin,
  ServiceDefinition,
  Worker,
  WorkerContext,
} from './definition.ts';
export { worker } from './lifecycle/workers.ts';
export { closeAndExit, onShutdownSignal, type ProcessLike } from './lifecycle/shutdown.ts';
export { ServiceError } from './errors/service-error.ts';
export {
  problemContentType,
  problemSchema,
  problemType,
  type Problem,
  type ValidationIssue,
} from './errors/problem.ts';
export { correlationHeader } from '@eventflow/correlation';
export { httpClient, type HttpClient, type HttpClientOptions, type HttpRequestInit } from './http/http-client.ts';
export { correlationFields, createLogger, type LoggingOptions } from './logging.ts';
export { logFormatFor, type LogFormat } from './logging/log-format.ts';
export { checkReadiness, dependencyStatusSchema, type DependencyStatus } from './health/readiness.ts';
export {
  createServiceMetrics,
  type BusMetrics,
  type HistogramOptions,
  type MetricOptions,
  type ServiceMetrics,
  type ServiceMetricsOptions,
} from './metrics/service-metrics.ts';
export { busObserver, type BusObserver } from './metrics/bus-observer.ts';
export { ConfigError, parseConfig, type ConfigIssue } from './config/parse-config.ts';
export type { ConfigOf, ConfigProperty, ConfigSchema } from './config/config-schema.ts';
export { freePort, freePortRange } from './net/free-port.ts';
