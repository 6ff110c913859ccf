export { injectJson, type JsonRequest, type JsonResponse } from './inject-json.ts';
export { fetchJson, type FetchedJson, type FetchJsonInit } from './fetch-json.ts';
export { assertProblem, type ExpectedProblem, type ResponseLike } from './assert-problem.ts';
export { failingCheck, passingCheck, recordingWorker } from './fakes.ts';
export { metricValue } from './metric-value.ts';
export { capturedLines, type CapturedLines } from './log-lines.ts';
