local function f()
  local t = nil
  return
    t
    .x
end
print(pcall(f))
local ok, e = pcall(function()
  local a = 1
  local b = a +
    nil
end)
print(e)
