export { users } from './descriptor.ts';
export { usersService, type UsersServiceOptions } from './service.ts';
export type { NewUser, UserView } from './users/user.ts';
export { fromStored, lookupKeys, toStored, type PersonalData, type StoredPersonalData } from './users/personal-data.ts';
