export { sqlContract, type SqlUnderTest } from './contract.ts';
