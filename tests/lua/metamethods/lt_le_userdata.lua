-- Order metamethods on userdata: both operands must have the same __lt/__le.
local function lt(a, b) return true end
local function P(f)
  local p = newproxy(true)
  getmetatable(p).__lt = f
  return p
end
print(P(lt) < P(lt))
print(pcall(function() return P(lt) < P(function() return true end) end))
print(pcall(function() return P(lt) <= P(lt) end))
