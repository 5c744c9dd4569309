local function g()
  setfenv(1, {print = print, tag = "level1"})
  print(tag)
end
g()
print(tag)
local function h() setfenv(2, {tostring = tostring, result = "caller env"}) end
local function caller() h() return result end
print(caller())
