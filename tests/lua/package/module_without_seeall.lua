package.preload.isolated = function(...)
  module(...)
  function get_print() return print end
end
local m = require("isolated")
print(m.get_print())
print(package.loaded.isolated == m, type(isolated))
