local function make()
  local t = {}
  local function add(v) t[#t + 1] = v end
  local function all() return table.concat(t, ",") end
  return add, all
end
local add, all = make()
add(1) add(2) add(3)
print(all())
