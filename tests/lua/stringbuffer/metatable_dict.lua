local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- metatable: tables with a listed metatable are written with its index and get it back.
local Point = { __index = { kind = "point" } }
local Other = {}
local opts = { metatable = { Point, Other } }
local b = buffer.new(opts)
b:encode(setmetatable({ x = 1 }, Other))
print(hex(b:tostring()))
local t = b:decode()
print(getmetatable(t) == Other, t.x)
b:encode(setmetatable({ 1 }, Point))
local p = b:decode()
print(getmetatable(p) == Point, p.kind, p[1])
b:encode(setmetatable({}, {}))
print(getmetatable(b:decode()))
