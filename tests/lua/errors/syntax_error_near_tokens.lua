local cases = {"x = 1 + + 2", "x = 'a' .. ", "local 5 = 1", "x = {[1] 2}", "t:m", "t:m.x()", "x = function", "::a", "goto 5", "local a <const> = 1"}
for _, src in ipairs(cases) do
  local f, err = loadstring(src, "=n")
  print(f and "ok" or err)
end
