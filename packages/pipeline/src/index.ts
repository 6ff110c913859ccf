export {
  enrich,
  pass,
  reject,
  type AddedBy,
  type Enrich,
  type Outcome,
  type Pass,
  type Reject,
  type RejectedBy,
} from './outcome.ts';
export {
  pipeline,
  type Handler,
  type Merge,
  type Pipeline,
  type PipelineObserver,
  type PipelineResult,
  type RunOptions,
  type TraceEntry,
} from './pipeline.ts';
