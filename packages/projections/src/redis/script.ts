/**
 * Changes one hash atomically unless it already took this write: KEYS[1] the hash, ARGV[1] the write's
 * mark, ARGV[2] the change as JSON ({ remove?, set?, increment? }). Returns 1 when applied, 0 when skipped.
 */
export const guardedHashChange = `
local current = redis.call('HGET', KEYS[1], '_eventMark')
if current and current >= ARGV[1] then return 0 end
local change = cjson.decode(ARGV[2])
if change.remove then
  redis.call('DEL', KEYS[1])
  return 1
end
if change.set then
  for field, value in pairs(change.set) do redis.call('HSET', KEYS[1], field, tostring(value)) end
end
if change.increment then
  for field, by in pairs(change.increment) do redis.call('HINCRBY', KEYS[1], field, string.format('%d', by)) end
end
redis.call('HSET', KEYS[1], '_eventMark', ARGV[1])
return 1
`;
