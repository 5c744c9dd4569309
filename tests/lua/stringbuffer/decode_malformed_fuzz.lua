-- Malformed and truncated decode input: every prefix and single-byte mutation of valid encodings
-- either decodes or fails with an error; the messages are compared. (Mutations of encoded tables
-- are left out: luajit itself crashes on some of them after a few hundred decodes.)
local buffer = require "string.buffer"
local samples = {
  buffer.encode({ 1, 2, 3, x = "y", nested = { true, false } }),
  buffer.encode("a longer string value with some bytes \0\1\2"),
  buffer.encode(12345.678),
  buffer.encode({ [1.5] = "f", [-3] = "neg" }),
}
local counts = {}
for si, s in ipairs(samples) do
  local ok_n, err_n = 0, 0
  local msgs = {}
  for len = 0, #s - 1 do
    local ok, err = pcall(buffer.decode, s:sub(1, len))
    if ok then ok_n = ok_n + 1 else err_n = err_n + 1 msgs[err] = true end
  end
  for i = 1, type(buffer.decode(s)) == "table" and 0 or #s do
    for _, b in ipairs { 0, 0x7f, 0xff, 0x20 } do
      local m = s:sub(1, i - 1) .. string.char(b) .. s:sub(i + 1)
      local ok, err = pcall(buffer.decode, m)
      if ok then ok_n = ok_n + 1 else err_n = err_n + 1 msgs[err] = true end
    end
  end
  local list = {}
  for m in pairs(msgs) do list[#list + 1] = m end
  table.sort(list)
  print(si, #s, ok_n, err_n)
  for _, m in ipairs(list) do print("", m) end
end
