local function mr() return 1, 2, 3 end
print(mr())
print((mr()))
print(mr(), "x")
print("x", mr())
local t = {mr(), mr()} print(#t)
print(select("#", (mr())))
