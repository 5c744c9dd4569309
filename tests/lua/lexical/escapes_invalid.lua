-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
-- An unknown escape is a syntax error.
print(compile([[return "\q"]]))
print(compile([[return "\9999"]]))
print(compile([[return "\c"]]))
