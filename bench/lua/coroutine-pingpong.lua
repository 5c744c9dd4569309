-- Coroutines: ping-pong between a producer and a consumer, plus a chain of filters built from
-- coroutine.wrap (the generator pattern).
local n = tonumber(arg and arg[1]) or 5000000

local ping = coroutine.create(function(x)
  while true do x = coroutine.yield(x + 1) end
end)

local total = 0
for i = 1, n do
  local ok, v = coroutine.resume(ping, i)
  total = total + v
end

-- A generator of numbers, filtered by two stages of coroutines.
local function generate(limit)
  return coroutine.wrap(function()
    for i = 1, limit do coroutine.yield(i) end
  end)
end
local function filter(source, keep)
  return coroutine.wrap(function()
    for v in source do
      if keep(v) then coroutine.yield(v) end
    end
  end)
end
local function map(source, f)
  return coroutine.wrap(function()
    for v in source do coroutine.yield(f(v)) end
  end)
end

local sum, count = 0, 0
for v in map(filter(generate(n), function(v) return v % 3 ~= 0 end), function(v) return v * 2 end) do
  sum = sum + v
  count = count + 1
end
print("pingpong " .. total, "pipeline " .. count .. " " .. sum)
