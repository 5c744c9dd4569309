-- compile(src, name): "compiled" or the syntax error message, never a function address.
local function compile(src, name) local f, err = loadstring(src, name) if f then return "compiled" end return err end
local _ = 1
local _x, x_1, X, _G_ = 2, 3, 4, 5
local andy, orval, notme, endx = 6, 7, 8, 9
print(_, _x, x_1, X, _G_, andy, orval, notme, endx)
print(compile("local goto = 1"))
print(compile("local 1x = 1"))
