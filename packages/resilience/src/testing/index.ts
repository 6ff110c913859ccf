export {
  networkError,
  scriptedFetch,
  type RecordedCall,
  type ScriptedFetch,
  type ScriptStep,
} from './scripted-fetch.ts';
