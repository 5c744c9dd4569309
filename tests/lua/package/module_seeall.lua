package.preload.mymodule = function(...)
  module(..., package.seeall)
  function hello() return "hello from " .. _NAME end
  value = tostring(1 + 1)
end
local m = require("mymodule")
print(m.hello(), m.value, m._NAME, m._PACKAGE, m._M == m)
print(mymodule == m, rawget(m, "print"))
