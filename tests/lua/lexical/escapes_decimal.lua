-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
-- \ddd takes up to three decimal digits.
print(("\65\066\0677"):byte(1, -1))
print(#"\0", #"\00", #"\000", #"\0001")
print("\104\101\108\108\111")
print(("\255\1\10"):byte(1, -1))
print(pcall(loadstring, [[return "\256"]]))
print(compile([[return "\256"]]))
