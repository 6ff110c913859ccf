export { busContract, type ContractTarget } from './contract.ts';
export { eventually } from './wait.ts';
export { collect, type Collected } from './collect.ts';
export { recordingBus, type PublishedMessage, type RecordingBus } from './recording-bus.ts';
