-- enumerated settings accept booleans or option names only
local cjson = require "cjson"
local fns = { "encode_keep_buffer", "encode_invalid_numbers", "decode_invalid_numbers", "encode_sparse_array" }
for _, name in ipairs(fns) do
  local f = cjson[name]
  print(name, pcall(f, "ON"))
  print(name, pcall(f, "null"))
  print(name, pcall(f, 0))
  print(name, pcall(f, {}))
  print(name, pcall(f, "on"))
  print(name, pcall(f, false))
end
print(pcall(cjson.encode_keep_buffer, nil, nil))
