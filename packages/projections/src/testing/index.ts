export { catchUp, caughtUp } from './catch-up.ts';
