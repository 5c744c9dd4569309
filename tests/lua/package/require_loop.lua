package.preload.a = function() return require("b") end
package.preload.b = function() return require("a") end
local ok, e = pcall(require, "a")
print(ok, e)
