-- Table stores pass the stored value through a scratch copy (see Emit/FunctionCompiler.Stores.cs): the
-- copy must not keep the stored object reachable after the store, and the stored value must be exact.
local weak = setmetatable({}, {__mode = "v"})
local function fill()
  local obj = {}
  weak.field = obj          -- constant-key store from a local
  weak[1] = {}              -- number-key store of a fresh table
  local k = "name"
  weak[k] = function() end  -- string-variable key
  obj = nil
  collectgarbage() collectgarbage()
  print(weak.field, weak[1], weak[k])
end
fill()

-- Several stores in one function reuse the scratch; each keeps its own value.
local t = {}
local a, b, c = 0/0, -0, 2^53
t.x, t.y, t.z = a, b, c
t[1], t[2], t[3] = "s", true, false
print(t.x ~= t.x, 1/t.y, t.z, t[1], t[2], t[3])
t.x = nil
print(t.x, next({}))

-- A store whose __newindex yields: the value arrives after the resume.
local log = {}
local proxy = setmetatable({}, {__newindex = function(_, k, v)
  coroutine.yield(k)
  log[#log + 1] = tostring(k) .. "=" .. tostring(v)
end})
local co = coroutine.wrap(function()
  local v = {}
  proxy.a = 1
  proxy[2] = "two"
  proxy.b = v
  return "done"
end)
print(co(), co(), co(), co())
print(log[1], log[2], log[3]:sub(1, 8))

-- A store that raises keeps the message and position.
print(pcall(function() local n = nil; n.f = 1 end))
print(pcall(function() local u = {}; u[nil] = 1 end))
print(pcall(function() local u = {}; u[0/0] = 1 end))
