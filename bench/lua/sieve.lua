-- Integer arrays: the sieve of Eratosthenes, repeated, over a boolean array.
local limit = tonumber(arg and arg[1]) or 8000000
local rounds = 4

local count, last
for _ = 1, rounds do
  local composite = {}
  for i = 1, limit do composite[i] = false end
  count, last = 0, 0
  for i = 2, limit do
    if not composite[i] then
      count = count + 1
      last = i
      for j = i * i, limit, i do composite[j] = true end
    end
  end
end
print("primes below " .. limit .. ": " .. count, "largest " .. last)
