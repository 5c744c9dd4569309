-- string.byte(s, i) and string.sub(s, i, j) with integer positions inside the string take a short
-- path; everything around it (fractions, -0, NaN, infinities, 2^31 and 2^53, strings and numbers
-- as arguments, nil and missing arguments, empty strings, method calls) must answer as before.
local byte, sub = string.byte, string.sub
local s = "hello, world"

print(byte(s, 1), byte(s, 12), byte(s, 5), s:byte(7), ("\0\255"):byte(2), byte("x", 1))
print(byte(s, 0), byte(s, 13), byte(s, -1), byte(s, -12), byte(s, -13), byte("", 1))
print(pcall(byte, s, 1.5))
print(pcall(byte, s, 2.9999))
print(byte(s, -0.0), byte(s, "3"), byte(s, " 4 "), byte(12345, 2), byte(s, 2^31), byte(s, 2^53), byte(s, -2^31))
print(pcall(byte, s, 0/0))
print(pcall(byte, s, 1/0))
print(pcall(byte, s, -1/0))
print(byte(s, 1, 3), byte(s, 3, 1), byte(s, 2, nil), byte(s, nil))
print(pcall(byte, s, "x"))
print(pcall(byte, nil, 1))
print(pcall(byte, {}, 1))

print(sub(s, 1, 5), sub(s, 8, 12), sub(s, 1, 12) == s, sub(s, 5, 5), sub(s, 12, 12), s:sub(3, 4))
print("[" .. sub(s, 5, 4) .. "]", "[" .. sub(s, 0, 3) .. "]", "[" .. sub(s, 3, 13) .. "]", "[" .. sub(s, -5, -1) .. "]")
print("[" .. sub(s, 2, -2) .. "]", "[" .. sub(s, -100, 2) .. "]", "[" .. sub(s, 13, 20) .. "]", "[" .. sub("", 1, 1) .. "]")
print(pcall(sub, s, 1.5, 3))
print(pcall(sub, s, 1, 3.5))
print(sub(s, -0.0, 3), sub(s, "2", "4"), sub(12345, 2, 3), sub(s, 2^31, 2^31), "[" .. sub(s, 1, 2^53) .. "]")
print(pcall(sub, s, 0/0, 3))
print(pcall(sub, s, 1, 0/0))
print(pcall(sub, s, 1, 1/0))
print(sub(s, 3, nil), sub(s, 3), pcall(sub, s))
print(pcall(sub, s, nil, 3))
print(pcall(sub, nil, 1, 2))
-- Every byte value through both.
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local bytes = table.concat(all)
local sum = 0
for i = 1, #bytes do sum = sum + byte(bytes, i) + #sub(bytes, i, i) + byte(sub(bytes, i, 256), 1) end
print(sum, sub(bytes, 66, 70), byte(sub(bytes, 1, 1), 1))
