-- A resumed frame saves itself into the state it was restored from when it yields again: from another
-- call site, from a metamethod, through pcall, after recursion that yields at other depths, and after an
-- error dropped a state. Every local must come back with its own value each time.
local yield = coroutine.yield

local proxy = setmetatable({}, { __index = function(_, k) return yield("index " .. k) end })

local function inner(depth, tag)
  local mine = tag .. depth
  if depth > 0 then
    local got = inner(depth - 1, tag)
    return mine .. "(" .. got .. ")" .. yield("depth " .. depth)
  end
  return mine .. yield("bottom")
end

local co = coroutine.create(function(a, b)
  local s, t = "s", { 1, 2 }
  local x = yield(a + b)                 -- resume point 1
  local y = proxy.key                    -- a metamethod yield
  local n = 0
  for i = 1, 3 do
    n = n + (yield(i, x, y, s) or 0)     -- another call site, in a loop
  end
  local ok, v = pcall(function() return yield("in pcall") end)
  local r = inner(2, "r")
  local ok2, err = pcall(function() local q = yield("before error"); error("e" .. q, 0) end)
  t[#t + 1] = yield(n, ok, v, r, ok2, err)
  return table.concat(t, ","), s, x, y
end)

local inputs = { { 1, 2 }, { "X" }, { "Y" }, { 10 }, { 20 }, { 30 }, { "P" }, { "a" }, { "b" }, { "c" }, { "d" }, { "Q" }, { 3 } }
for _, args in ipairs(inputs) do
  print(coroutine.resume(co, unpack(args)))
end
print(coroutine.status(co), coroutine.resume(co))

-- Two coroutines running the same function interleaved: each keeps its own states.
local function counter(name)
  local count = 0
  while true do
    count = count + 1
    local reset = yield(name .. count)
    if reset then count = 0 end
  end
end
local c1, c2 = coroutine.wrap(counter), coroutine.wrap(counter)
print(c1("a"), c2("b"), c1(), c2(), c1(true), c2(), c1(), c2(true), c2())

-- A frame resumed, then failing: its state is dropped; a new coroutine of the same function still works.
local function fragile(limit)
  for i = 1, limit do
    local v = yield(i)
    if v == "fail" then error("failed at " .. i, 0) end
  end
  return "done"
end
local f1 = coroutine.create(fragile)
print(coroutine.resume(f1, 3), coroutine.resume(f1), coroutine.resume(f1, "fail"), coroutine.status(f1))
local f2 = coroutine.create(fragile)
print(coroutine.resume(f2, 2), coroutine.resume(f2), coroutine.resume(f2), coroutine.resume(f2))
