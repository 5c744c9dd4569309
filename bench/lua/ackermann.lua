-- Recursive calls: Ackermann's function (deep non-tail recursion mixed with tail calls),
-- repeated `rounds` times. The depth stays under Lua 5.1's 20,000-call-level limit.
local rounds = tonumber(arg and arg[1]) or 20

local function ack(m, k)
  if m == 0 then return k + 1 end
  if k == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, k - 1))
end

local sum = 0
for r = 1, rounds do
  sum = sum + ack(3, 9) + ack(2, r * 40) + ack(3, r % 6 + 1)
end
print("ack(3,9) = " .. ack(3, 9), "sum = " .. sum)
