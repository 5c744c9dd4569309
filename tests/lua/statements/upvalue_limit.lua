local decl, uses = {}, {}
for i = 1, 70 do decl[#decl + 1] = "local u" .. i .. " = " .. i uses[#uses + 1] = "u" .. i end
local src = table.concat(decl, "\n") .. "\nreturn function() return " .. table.concat(uses, "+") .. " end"
local f, err = loadstring(src, "=ups")
print(f and f()() or err)
