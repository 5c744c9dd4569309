-- How imaginary literals lex: suffix forms, malformed neighbours, folding of minus signs.
local ffi = require "ffi"
local sources = {
  "return 1ii", "return 1i2", "return 0x1p2i", "return 1e5i", "return .5i", "return 5.i",
  "return 0b11i", "return 1LLi", "return 1iLL", "return 1e400i", "return 0x10000000000000000i",
  "return 1I", "return - -1i", "return -(-1i)", "return -0x8i", "return 2^1i", "return -1i, -2i",
  "return {1i}[1]", "return 1i.re", "return (2i).im",
}
for _, src in ipairs(sources) do
  local f, err = loadstring(src)
  if not f then print(src, "compile error", err)
  else
    local res = { pcall(f) }
    for i = 2, #res do res[i] = tostring(res[i]) end
    print(src, unpack(res))
  end
end
