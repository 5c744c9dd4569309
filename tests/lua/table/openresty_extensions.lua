-- OpenResty's LuaJIT branch adds these table helpers, loaded with require.
local nkeys = require("table.nkeys")
local isempty = require("table.isempty")
local isarray = require("table.isarray")
local clone = require("table.clone")
print(nkeys({}), nkeys({1, 2, x = 3}), nkeys({nil, 2}))
print(isempty({}), isempty({1}), isempty({x = false}))
print(isarray({}), isarray({1, 2, 3}), isarray({1, nil, 3}), isarray({x = 1}), isarray({[2] = 1}))
local src = {1, 2, k = "v", sub = {}}
local copy = clone(src)
print(copy ~= src, copy[2], copy.k, copy.sub == src.sub)
print(pcall(nkeys, nil))
