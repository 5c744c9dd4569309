local function two() return 2, 3 end
print(two() + 1, -two(), #{two()}, two() .. "")
print((two()))
print(not two())
