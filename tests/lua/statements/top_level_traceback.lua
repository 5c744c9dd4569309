-- Metamethods, debug.getinfo and tracebacks seen from a script's top-level code.
local t = setmetatable({}, {__index = function(_, k)
  -- (luajit names a metamethod '__index' in tracebacks, this engine <file:line>: a known difference)
  local info = debug.getinfo(2, "Sl")
  print(info.short_src, info.currentline, info.what)
  return 1
end})
local v = t.field
print(v, debug.getinfo(1, "l").currentline)
local ok, err = pcall(error, "msg", 1)
print(ok, err)
print(pcall(function() local x = nil; return x.y end))
print(select(2, pcall(function() return undefinedGlobal.y end)))
local a = {}
print(pcall(setmetatable, a, 1))
local n = nil
print(pcall(function() return n + 1 end))
print((debug.traceback("top", 1):gsub("0x%x+", "ADDR")))
