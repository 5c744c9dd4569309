local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- The same dictionary decodes what it encoded.
local opts = { dict = { "id", "name", "tags" } }
local enc, dec = buffer.new(opts), buffer.new(opts)
enc:encode({ id = 1, name = "n", tags = { "a", "b" }, extra = true })
dec:set(enc:tostring())
local t = dec:decode()
print(t.id, t.name, t.tags[1], t.tags[2], t.extra)
