-- Module files live beside a temp name: package.path "<tmp>_?.lua" finds "<tmp>_mymod.lua".
local base = os.tmpname()
local file = base .. "_mymod.lua"
local f = assert(io.open(file, "w"))
f:write("local name = ... print('loading', name) return {value = 42, name = name}\n")
f:close()
package.path = base .. "_?.lua;" .. package.path
local m = require("mymod")
print(m.value, m.name, package.loaded.mymod == m)
print(require("mymod") == m)
os.remove(file)
os.remove(base)
