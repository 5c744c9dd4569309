local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A small program: build CSV with a buffer.
local rows = { { "id", "name" }, { 1, "ann" }, { 2, "bob" } }
local b = buffer.new()
for _, r in ipairs(rows) do
  for i, v in ipairs(r) do
    if i > 1 then b:put(",") end
    b:put(v)
  end
  b:put("\n")
end
io.write(b:tostring())
print(#b)
