-- encode reads tables raw: no __index, __len, __pairs, __tostring, __newindex effects
local cjson = require "cjson"
local mt = {
  __index = function() return "from __index" end,
  __len = function() return 10 end,
  __tostring = function() return "T" end,
  __pairs = function() error("never") end,
}
print(cjson.encode(setmetatable({ 1, 2 }, mt)))
print(cjson.encode(setmetatable({ x = 1 }, mt)))
print(cjson.encode(setmetatable({}, mt)))
print(cjson.encode(setmetatable({ 5 }, { __metatable = "locked" })))
local proxy = setmetatable({}, { __index = { 1, 2, 3 } })
print(cjson.encode({ proxy }))
