-- every byte value through the encoder's escape table
local cjson = require "cjson"
for b = 0, 255 do
  io.write(b, "=", cjson.encode(string.char(b)), b % 8 == 7 and "\n" or " ")
end
print(cjson.encode("quote\" backslash\\ slash/ del\127 nl\n cr\r tab\t ff\f bs\b"))
print(cjson.encode("\0embedded\0nul\0"))
