export { busContract, type ContractTarget } from './contract.ts';
export { eventually } from './wait.ts';
export { collect, type Collected } from './collect.ts';
