-- A module's body runs once (require caches its result): values, metamethods and errors raised by
-- its top-level code must be luajit's.
local base = os.tmpname()
local function write(name, text)
  local f = assert(io.open(base .. "_" .. name .. ".lua", "w"))
  f:write(text)
  f:close()
end
write("good", [[
local name = ...
local M = {}
local mt = {__index = function(_, k) return k .. "!" end, __add = function() return "added" end}
local proxy = setmetatable({}, mt)
M.value = 6 * 7 + 0.5
M.text = "n=" .. M.value .. proxy.x
M.sum = proxy + 1
M.cmp = (1 < 2) and "lt" or "ge"
local function twice(a, b) return a * 2, b end
M.a, M.b = twice(4, "b")
for i = 1, 3 do M.value = M.value + i end
M.name = name
return M
]])
write("bad", [[
local cfg = {}
local x = 1
return cfg.server.port + x
]])
write("badarith", [[
local n = nil
return 1 + n
]])
package.path = base .. "_?.lua;" .. package.path
local m = require("good")
print(m.value, m.text, m.sum, m.cmp, m.a, m.b, m.name)
local ok, err = pcall(require, "bad")
print(ok, (err:gsub("^.*_bad", "BAD")))
ok, err = pcall(require, "badarith")
print(ok, (err:gsub("^.*_badarith", "BADARITH")))
for _, name in ipairs({"good", "bad", "badarith"}) do os.remove(base .. "_" .. name .. ".lua") end
os.remove(base)
