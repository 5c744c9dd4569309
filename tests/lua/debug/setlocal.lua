local function f()
  local x = 1
  debug.setlocal(1, 1, 99)
  return x
end
print(f())
local function g(...) return debug.getlocal(1, -1) end
print(g("vararg1", "vararg2"))
