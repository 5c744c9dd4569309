-- String building: string.format, .. concatenation, table.concat, string.rep, sub, byte/char,
-- upper/lower. The checksum is over the lengths and bytes of what was built.
local n = tonumber(arg and arg[1]) or 1500000

local function hashString(s, h)
  -- Sample a few bytes so the checksum depends on the content, not only the length.
  local len = #s
  h = (h * 31 + len) % 2147483647
  for i = 1, len, 7 do h = (h * 33 + s:byte(i)) % 2147483647 end
  return h
end

local h = 0
local parts = {}
for i = 1, n do
  local line = string.format("%05d|%-8s|%8.3f|%x|%s", i, "item" .. (i % 97), i / 7, i * 13, i % 3 == 0 and "yes" or "no")
  parts[#parts + 1] = line
  if #parts == 100 then
    local block = table.concat(parts, "\n")
    h = hashString(block, h)
    h = hashString(block:upper():sub(10, 200), h)
    parts = {}
  end
end

-- Incremental concatenation of short pieces (the pattern that makes naive string building slow).
local acc = ""
for i = 1, n / 20 do
  acc = acc .. string.char(65 + i % 26)
  if #acc > 500 then h = hashString(acc, h); acc = "" end
end

-- string.rep and reversal.
for i = 1, n / 50 do
  local s = string.rep("ab" .. (i % 10) .. ",", 20)
  h = hashString(s:reverse(), h)
end
print("built " .. n .. " lines", "checksum " .. h)
