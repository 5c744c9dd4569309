--[[ a level 0 comment
print("hidden 0")
]]
--[=[ level 1 ]] still comment
print("hidden 1")
]=]
--[==[
]=] ]] print("hidden 2")
]==]
print("visible")
--[[ comment ]] print("after comment on same line")
---[[ this is a line comment, so the next line runs
print("runs")
--]]
