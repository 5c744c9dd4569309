local function a()
  local x = 1
  return function()
    local y = 2
    return function()
      x = x + 1 y = y + 1
      return x + y
    end
  end
end
local mid = a()
local inner1, inner2 = mid(), mid()
print(inner1(), inner1(), inner2(), inner2())
