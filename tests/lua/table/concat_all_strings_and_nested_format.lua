-- table.concat when every item is a string (one exact allocation) and when some are not (numbers
-- formatted, other values an error); string.format nested in a __tostring and after failed calls.
local concat, format = table.concat, string.format

print(concat({}), concat({}, ","), concat({ "a" }, ","), concat({ "", "", "" }, ""), #concat({ "", "" }, ""))
print(concat({ "a", "b", "c" }, ", "), concat({ "a", "b", "c" }, ", ", 2), concat({ "a", "b", "c" }, "-", 2, 3))
print(concat({ "a", "b", "c" }, "-", 3, 2) == "", concat({ "a", "b", "c" }, "", 1, 1))
print(concat({ "x", 1, "y", 2.5, -0.0, 1e100 }, "|"))
print(concat({ 1, 2, 3 }), concat({ "a", 10 }, 20))
-- Keys outside the array part: negative and zero indices, a hash-part tail.
local t = { [-2] = "m2", [-1] = "m1", [0] = "z", "one", "two" }
print(concat(t, ",", -2, 2))
local sparse = {}
sparse[1] = "a"; sparse[2] = "b"; sparse[100] = "h"
print(pcall(concat, sparse, ",", 1, 100))
print(concat(sparse, ",", 100, 100))
-- Errors: the first bad item decides the message, whichever kind comes first.
print(pcall(concat, { "a", {}, "b" }))
print(pcall(concat, { "a", "b", true }, ","))
print(pcall(concat, { "a", 1, nil, "b" }, ",", 1, 4))
print(pcall(concat, { "a" }, ",", 1, 3))
print(pcall(concat, { "a" }, {}, 1, 1))
-- Bytes of every value survive.
local bytes = {}
for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
local all = concat(bytes, "\0")
print(#all, all:byte(1), all:byte(2), all:byte(-1), select(2, all:gsub("%z", "")))
-- A separator longer than the items, many items.
local many = {}
for i = 1, 2000 do many[i] = tostring(i % 7) end
local joined = concat(many, "<sep>")
print(#joined, joined:sub(1, 30), joined:sub(-30))

-- string.format: a __tostring that formats while the outer format is building its result.
local obj = setmetatable({}, { __tostring = function() return format("<%s:%d>", "inner", 42) end })
print(format("[%s] [%s] %d", obj, obj, 7))
print(format("%s|%5s|%-6s|", obj, "ab", "cd"))
-- A failing format, then a normal one (the builder of the failed call is simply dropped).
print(pcall(format, "%d %d", 1))
print(pcall(format, "%y", 1))
local bad = setmetatable({}, { __tostring = function() error("boom") end })
print(pcall(format, "%s", bad))
print(format("%s=%d;%s", "k", 3, ("v"):rep(10)))
-- Long results (past the reused buffer's size) and then short ones again.
local long = format("%s%s", ("a"):rep(5000), ("b"):rep(5000))
print(#long, long:sub(4998, 5003), format("%03d", 5))
print(format("%-20s|", format("%5.1f", 3.14159)))
