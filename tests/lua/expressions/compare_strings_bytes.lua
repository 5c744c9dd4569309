print("a" < "b", "a" < "B", "abc" < "abcd", "" < "\0", "\0" < "\1")
print("a\0b" < "a\0c", "a\0" > "a", "\255" > "\127")
local list = {"b", "a\0z", "a", "A", "", "a\0", "ab", "\200"}
table.sort(list)
for i, v in ipairs(list) do io.write(i, "=", (v:gsub("%z", "0")), " ") end
print()
