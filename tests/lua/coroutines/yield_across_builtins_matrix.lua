-- Which library functions a coroutine may yield through (LuaJIT allows some, refuses others).
local ymeta = {__tostring = function() return coroutine.yield("y") or "resumed" end,
               __index = function() return coroutine.yield("y") end,
               __eq = function() return coroutine.yield("y") end}
local obj = setmetatable({}, ymeta)
local cases = {
  {"tostring", function() return tostring(obj) end},
  {"print", function() print(obj) return "printed" end},
  {"table.sort", function() table.sort({2, 1}, function(a, b) coroutine.yield("y") return a < b end) end},
  {"gsub", function() return (("a"):gsub("a", function() coroutine.yield("y") end)) end},
  {"foreachi", function() table.foreachi({1}, function() coroutine.yield("y") end) end},
  {"load reader", function() return load(function() coroutine.yield("y") end) end},
  {"select", function() return select(1, coroutine.yield("y")) end},
  {"index meta", function() return obj.field end},
  {"eq meta", function() return obj == setmetatable({}, ymeta) end},
  {"pcall", function() return pcall(coroutine.yield, "y") end},
  {"unpack", function() return unpack({coroutine.yield("y")}) end},
}
for _, c in ipairs(cases) do
  local co = coroutine.create(c[2])
  local ok1, v1 = coroutine.resume(co)
  local ok2, v2
  if coroutine.status(co) == "suspended" then ok2, v2 = coroutine.resume(co, "R") end
  print(c[1], ok1, v1, ok2, v2, coroutine.status(co))
end
