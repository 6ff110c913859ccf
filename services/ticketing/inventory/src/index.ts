export { inventory } from './descriptor.ts';
export { inventoryService, type InventoryOptions } from './service.ts';
export {
  decideSeats,
  evolveSeats,
  seatsDecider,
  SeatRefusal,
  type SeatCommand,
  type SeatEvent,
  type SeatState,
} from './domain/seats.ts';
