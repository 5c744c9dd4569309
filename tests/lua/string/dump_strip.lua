-- string.dump(f, strip): a loaded dump is the function itself with fresh nil upvalues; stripping drops
-- lines, local and upvalue names (globals, fields and methods keep theirs), as LuaJIT's bytecode does.
local up = 5
local cases = {
  function() return undefinedglobal.x end,
  function() local t = {} return t.x.y end,
  function() local t = nil return t[1] end,
  function() return up.x end,
  function() local s = "a" return s + 1 end,
  function() local t = {} t:nomethod() end,
  function() error("msg") end,
  function() return #nil end,
  function() local a; return a < 1 end,
  function() nofunc() end,
  function() local f; f() end,
}
for i, f in ipairs(cases) do
  print(i, pcall(loadstring(string.dump(f, true), "=stripped")))
  print(i, pcall(loadstring(string.dump(f))))
end

local function uses(a, b, ...) local z = a return up, z, select("#", ...) end
for _, strip in ipairs({false, true, 1}) do
  local copy = loadstring(string.dump(uses, strip), "=copy")
  print(strip, pcall(copy, 1, 2, 3, 4))
  print(debug.getupvalue(copy, 1))
  print(debug.getupvalue(copy, 2))
  print(debug.setupvalue(copy, 1, "X"))
  print(pcall(copy, 1))
  local info = debug.getinfo(copy, "Su")
  print(info.short_src, info.linedefined, info.lastlinedefined, info.what, info.nups, info.nparams, info.isvararg)
  print(debug.getlocal(copy, 1), debug.getlocal(copy, 2))
  print(next(debug.getinfo(copy, "L").activelines))
end
print(#string.dump(uses, true) < #string.dump(uses))

-- methods, recursion through an upvalue, nested closures, dumping a loaded dump again
local obj = {}
function obj:get(k)
  return self[k]
end
local get = loadstring(string.dump(obj.get))
print(get({ x = 42 }, "x"))
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(pcall(loadstring(string.dump(fact)), 1), pcall(loadstring(string.dump(fact)), 3))
local function counter()
  local n = 0
  return function() n = n + 1 return n end
end
local c = loadstring(string.dump(counter))()
print(c(), c(), c())
local again = loadstring(string.dump(loadstring(string.dump(uses))), "=again")
print(debug.getinfo(again, "S").short_src, debug.getinfo(again, "S").linedefined, pcall(again, 7))
local again2 = loadstring(string.dump(loadstring(string.dump(uses, true))), "=again2")
print(debug.getinfo(again2, "S").short_src, debug.getinfo(again2, "S").linedefined, debug.getupvalue(again2, 1))
