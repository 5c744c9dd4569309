local t = {"b", "B", "a", "A", "_", "1", "ab", "aB", "", "\255", "\0"}
table.sort(t)
local out = {} for i, s in ipairs(t) do out[i] = string.format("%q", s) end
print(table.concat(out, " "))
