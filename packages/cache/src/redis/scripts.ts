/**
 * Adds ARGV[1] to the integer at KEYS[1]; when the key is missing and ARGV[2] (milliseconds) is > 0,
 * creates it with that TTL first. One script, so a counter never exists without its TTL.
 */
export const incrementScript = `
local ttl = tonumber(ARGV[2])
if ttl > 0 then redis.call('SET', KEYS[1], '0', 'NX', 'PX', ttl) end
return redis.call('INCRBY', KEYS[1], ARGV[1])
`;
