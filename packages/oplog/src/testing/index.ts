export { recordingOperationLog, type RecordingOperationLog } from './recording-log.ts';
