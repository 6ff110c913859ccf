export { busContract, type ContractTarget } from './contract.ts';
export { eventually } from './wait.ts';
