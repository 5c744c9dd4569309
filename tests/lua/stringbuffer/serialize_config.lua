local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A small program: persist and restore a nested config.
local config = { name = "svc", ports = { 80, 443 }, tls = { enabled = true, ciphers = { "a", "b" } } }
local blob = buffer.encode(config)
local back = buffer.decode(blob)
print(back.name, back.ports[1], back.ports[2], back.tls.enabled, back.tls.ciphers[2])
print(type(blob), #blob > 0)
