export { awaitMail, mailContract } from './contract.ts';
