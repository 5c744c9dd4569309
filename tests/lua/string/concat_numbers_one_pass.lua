-- Concatenations that mix strings and numbers are joined in one pass into scratch when the result is
-- short (up to 256 bytes), and in two passes otherwise; every length around that edge, with numbers of
-- every formatted length, must give the same bytes as LuaJIT.
local nums = { 0, -0, 1, -1, 0.5, 1 / 3, -1 / 3, 2 ^ 53, -2 ^ 53, 2 ^ 63, 1e100, -1e-300, 4.9406564584125e-324,
  -4.9406564584125e-324, 1 / 0, -1 / 0, 123456789012345, 99999999999999, 1e14, 0.1 + 0.2 }
for _, x in ipairs(nums) do print(x .. "", "[" .. x .. "|" .. x .. "]", #("a" .. x .. "b" .. x)) end
print((0 / 0 .. ""):gsub("-", ""))  -- nan's sign is not portable; its spelling is
local function checksum(s)
  local h = 0
  for i = 1, #s do h = (h * 31 + s:byte(i)) % 2147483647 end
  return h
end
for pad = 200, 300, 3 do
  local p = ("x"):rep(pad)
  for _, x in ipairs(nums) do
    local s = p .. x .. "|" .. x
    local t = x .. p .. x
    local u = p .. "-" .. x
    io.write(pad, " ", #s, " ", checksum(s), " ", #t, " ", checksum(t), " ", #u, " ", checksum(u), "\n")
  end
end
local parts = { "a" }
for i = 1, 40 do parts[#parts + 1] = i * 1.25 end
local many = "start" .. parts[2] .. parts[3] .. parts[4] .. parts[5] .. parts[6] .. parts[7] .. parts[8] .. parts[9] ..
  parts[10] .. parts[11] .. parts[12] .. parts[13] .. parts[14] .. parts[15] .. parts[16] .. parts[17] .. parts[18] ..
  parts[19] .. parts[20] .. parts[21] .. parts[22] .. parts[23] .. parts[24] .. parts[25] .. parts[26] .. parts[27]
print(many, #many)
print(pcall(function() return "a" .. 1 .. {} end))
print(pcall(function() local t = setmetatable({}, { __concat = function(a, b) return "meta" end }); return "a" .. 1 .. t .. 2 end))
