package.preload.virtual = function(name) return {from = "preload", name = name} end
local m = require("virtual")
print(m.from, m.name, package.loaded.virtual == m)
package.preload.failing = function() error("preload failed") end
print(pcall(require, "failing"))
