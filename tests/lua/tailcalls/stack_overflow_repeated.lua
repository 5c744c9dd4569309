-- Stack overflows caught again and again, from different depths, in coroutines and under xpcall handlers:
-- the depth and .NET stack checks must raise "stack overflow" each time and let normal recursion run after.
local function strip(e) return (tostring(e):gsub("^.-:%d+: ", "")) end

local function g() return 1 + g() end
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end

-- the same overflow three times, with deep (but finite) recursion in between
for i = 1, 3 do
  local ok, err = pcall(g)
  print(i, ok, strip(err), sum(5000))
end

-- overflows started from different depths
local function from(depth)
  if depth == 0 then return pcall(g) end
  local ok, err = from(depth - 1)
  return ok, err
end
for _, d in ipairs({ 1, 50, 700 }) do
  local ok, err = from(d)
  print("from", d, ok, strip(err))
end

-- inside coroutines: each has its own frames and runs on the resumer's stack
for i = 1, 2 do
  local co = coroutine.create(g)
  local ok, err = coroutine.resume(co)
  print("coroutine", i, ok, strip(err), coroutine.status(co))
end
local co = coroutine.wrap(function(n)
  local r = sum(n)
  n = coroutine.yield(r)
  return sum(n)
end)
print("coroutine sums", co(3000), co(4000))

-- a coroutine resumed from deep inside a recursion, then from the top
local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(sum(100 * i)) end
end)
local function deep(n) if n == 0 then return gen() end return deep(n - 1) end
print("resumed at depths", deep(2000), gen(), deep(10))

-- xpcall with a Lua handler that itself calls functions at the overflow point
local function handler(e)
  local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
  return strip(e) .. " / handler depth " .. depth(10)
end
for i = 1, 2 do
  print("xpcall", i, xpcall(g, handler))
end
print("xpcall traceback", (select(2, xpcall(g, function(e) return type(debug.traceback(e)) end))))

-- error levels and positions still right after all that
local function lvl(n) error("level " .. n, n) end
local function caller(n) lvl(n) end
for n = 1, 3 do print("error level", n, select(2, pcall(caller, n))) end
print("still alive", sum(10000))
