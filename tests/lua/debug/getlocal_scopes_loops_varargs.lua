-- getlocal/setlocal: parameters, captured locals, loop control variables, scopes, varargs, coroutines.
-- (LuaJIT also lists "(*temporary)" registers after the locals; the listing stops there.)
local function dump(level)
  local out = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(level + 1, i)
    if not name or name == "(*temporary)" then break end
    out[#out + 1] = name .. "=" .. tostring(type(value) == "function" and "fn" or type(value) == "table" and "tbl" or value)
    i = i + 1
  end
  return table.concat(out, " ")
end
local function f(a, b, ...)
  local c = a + b
  local captured = 10
  local function g() return captured end
  for i = 1, 2 do
    local inner = i * 2
    print("num", dump(1))
  end
  for k, v in ipairs({"x"}) do
    print("gen", dump(1))
  end
  do local scoped = "s" end
  print("after", dump(1))
  print("vararg", debug.getlocal(1, -1), debug.getlocal(1, -2), debug.getlocal(1, -3))
  debug.setlocal(1, 4, 77)
  print("set captured", g(), captured)
  return c
end
print(f(1, 2, "va1", "va2"))
local co = coroutine.wrap(function(x)
  local y = x + 1
  local z = coroutine.yield(y)
  print("co", dump(1))
  return y + z
end)
print(co(5))
print(co(10))
print(pcall(debug.getlocal, 1, 0))
print(debug.getlocal(print, 1), debug.getlocal(f, 3))
