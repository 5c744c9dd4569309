local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end
local s = table.concat(t)
local ok = true
for i = 0, 255 do if s:find(string.char(i), 1, true) ~= i + 1 then ok = false end end
print(ok)
-- Escaping a non-alphanumeric byte with % matches it literally.
local escaped = 0
for i = 0, 255 do
  local c = string.char(i)
  if not c:match("%w") and i ~= 0 and s:find("%" .. c) == i + 1 then escaped = escaped + 1 end
end
print(escaped)
