print(pcall(require))
print(pcall(require, {}))
local base = os.tmpname()
local f = assert(io.open(base .. "_broken.lua", "w")) f:write("x = = 1\n") f:close()
local g = assert(io.open(base .. "_raises.lua", "w")) g:write("error('module raised')\n") g:close()
package.path = base .. "_?.lua"
-- Temp names must not reach the output: mask them.
local escaped = base:gsub("%p", "%%%0")
local ok, e = pcall(require, "broken")
print(ok, (e:gsub(escaped, "TMP")))
ok, e = pcall(require, "raises")
print(ok, (e:gsub(escaped, "TMP")))
os.remove(base .. "_broken.lua") os.remove(base .. "_raises.lua") os.remove(base)
