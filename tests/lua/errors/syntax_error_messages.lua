local cases = {
  "local x = ", "x = 1 2", "if x then else else end", "for i in do end", "function f( end",
  "local t = {a = }", "return 1 +", "x = 'abc", "f(a,)", "local function end", "while true end",
  "repeat x = 1", "x = (1", "x = 1)", "return ... ", "function f() return ... end", "x = #", "a.b.c",
}
for _, src in ipairs(cases) do
  local f, err = loadstring(src, "=s")
  print(f and "ok" or err)
end
