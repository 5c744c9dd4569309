-- Yields that cannot happen on the main thread are errors there, whichever body runs.
local function f() return coroutine.yield(1) end
print(pcall(f))
print(pcall(coroutine.yield, 2))
print(coroutine.isyieldable())
local t = setmetatable({}, {__index = function() return coroutine.yield("in meta") end})
print(pcall(function() return t.x end))
print(select('#', pcall(table.sort, {3, 2, 1}, function(a, b) coroutine.yield() return a < b end)))
-- inside a coroutine, yields across a C boundary are still errors
local co = coroutine.wrap(function()
  print(pcall(table.sort, {3, 2, 1}, function(a, b) coroutine.yield() return a < b end))
  return "after"
end)
print(co())
-- Functions that look like coroutine bodies (they call coroutine.yield, or are passed to coroutine.wrap) keep only
-- the ordinary body; main-thread code still calls them directly (known callees with direct entries, tail calls).
local function gen(x) if x > 0 then coroutine.yield(x) end return x * 2 end
local function viaTail(x) return gen(x) end
print(gen(0), viaTail(0), pcall(gen, 1))
local function main3(a, b, c) return gen(a) + gen(b) + gen(c) end
print(main3(0, 0, 0), pcall(main3, 0, 1, 0))
local co3 = coroutine.wrap(function(a) return main3(a, a, a) end)
print(co3(1), co3(), co3(), co3())
local body = function(x) return x + 1 end
local w = coroutine.wrap(body)
print(body(1), w(2))
