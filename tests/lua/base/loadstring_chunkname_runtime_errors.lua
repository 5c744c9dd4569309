local cases = {{"=custom"}, {"@file.lua"}, {"plain text source"}, {nil}}
for _, c in ipairs(cases) do
  local f = loadstring("local a = nil\nreturn a.b", c[1])
  print(pcall(f))
end
