-- package.loaders: the Lua-file searcher is entry 2; a custom searcher can be inserted first.
local base = os.tmpname()
local file = base .. "_viaLoader.lua"
local f = assert(io.open(file, "w")) f:write("return 'loaded by searcher'") f:close()
package.path = base .. "_?.lua"
local loader = package.loaders[2]("viaLoader")
print(type(loader), loader and loader())
print(type(package.loaders[2]("absent")))
table.insert(package.loaders, 1, function(name) if name == "custom" then return function() return "custom loader" end end end)
print(require("custom"))
os.remove(file) os.remove(base)
