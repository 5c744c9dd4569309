-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
-- \u{XXX} encodes a code point as UTF-8 (LuaJIT 2.1).
local function bytes(s) local t = {} for i = 1, #s do t[#t+1] = s:byte(i) end return table.concat(t, " ") end
print(bytes("\u{41}"))
print(bytes("\u{7FF}"))
print(bytes("\u{800}"))
print(bytes("\u{FFFF}"))
print(bytes("\u{10FFFF}"))
print(bytes("\u{0}"))
print(compile([[return "\u{110000}"]]))
print(compile([[return "\u41"]]))
