-- Host functions calling Lua from the main thread and from coroutines: pcall, xpcall, table.sort comparators,
-- string.gsub callbacks and metamethods, with yields across the yieldable ones (pcall, metamethods).
local function double(x) return x * 2 end
local mt = {
  __index = function(t, k) return k .. "!" end,
  __add = function(a, b) return double(a.v) + double(b.v) end,
  __call = function(self, x) return "called " .. tostring(x) end,
  __lt = function(a, b) return a.v < b.v end,
}
local A, B = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
local function work(tag, yield)
  local t = {5, 3, 9, 1}
  table.sort(t, function(a, b) return a > b end)
  local s = ("abc"):gsub("%w", function(c) return c:upper() .. double(#c) end)
  local ok, r = pcall(function(x) return yield(x) + 1 end, 41)
  local ok2, r2 = xpcall(function() return A.name, A + B, A(yield("call")), A < B end, debug.traceback)
  return tag, table.concat(t, ","), s, ok, r, ok2, r2
end
print(work("main", function(x) return x end))
local co = coroutine.create(function() return work("co", coroutine.yield) end)
print(coroutine.resume(co))
print(coroutine.resume(co, 100))
print(coroutine.resume(co, "arg"))
print(coroutine.status(co))
-- a coroutine.wrap inside pcall inside a metamethod, started from the main thread
local deep = setmetatable({}, {__index = function(t, k)
  return select(2, pcall(function()
    local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(k .. i) end end)
    return gen() .. gen() .. gen()
  end))
end})
print(deep.x, deep.yz)
-- a metamethod that yields inside a coroutine, the same metamethod used on the main thread
local ymt = {__index = function(t, k) if coroutine.isyieldable() then return coroutine.yield(k) end return "main:" .. k end}
local y = setmetatable({}, ymt)
print(y.a)
local co2 = coroutine.wrap(function() return "got " .. y.b .. " and " .. y.c end)
print(co2(), co2("B"), co2("C"))
