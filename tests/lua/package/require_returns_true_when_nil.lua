-- A module that returns nothing makes require return true (and package.loaded hold true).
local base = os.tmpname()
local file = base .. "_noreturn.lua"
local f = assert(io.open(file, "w"))
f:write("GLOBAL_SET_BY_MODULE = 'yes'\n")
f:close()
package.path = base .. "_?.lua"
print(require("noreturn"), GLOBAL_SET_BY_MODULE, package.loaded.noreturn)
os.remove(file)
os.remove(base)
