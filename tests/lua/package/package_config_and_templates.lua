print(package.config)
local kinds = {}
for template in package.path:gmatch("[^;]+") do kinds[#kinds + 1] = template:match("%?[^/]*$") end
print(#kinds > 0)
print(type(package.cpath), package.path:find("?", 1, true) ~= nil)
