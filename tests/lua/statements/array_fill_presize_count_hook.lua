-- An array fill (FunctionCompiler.ArrayFillPresize) compiled without hook checks (loaded before any hook is set,
-- from source that does not name the hook function) and run while a count hook is set: the hook runs at the
-- loop's back-edges and may look at the table, so the fill is not presized and must look like appends throughout.
local fill = load([[
  local t, n = ...
  for i = 1, n do t[i] = i end
  return t
]])

local seen, bad = 0, 0
local target
debug.sethook(function()
  if target then
    seen = seen + 1
    local n = #target
    if n > 0 and target[n] ~= n then bad = bad + 1 end
  end
end, "", 1000)
target = {}
fill(target, 200000)
debug.sethook()
-- (LuaJIT runs no count hook inside a compiled trace: whether it ran at all is not compared.)
print("bad", bad, "#", #target)
target[200002] = "a"
target[200001] = "b"
target[450000] = "c"
print(#target, target[200001], target[450000])
local keys = 0
for _ in pairs(target) do keys = keys + 1 end
print("keys", keys)
