export { runServiceProcess, type ServiceProcess } from './run.ts';
