local function level3() local x = nil return x.field end
local function level2() return (level3()) end
local function level1() local r = level2() return r end
print(pcall(level1))
local t = {}
function t.method() return nothing.here end
print(pcall(t.method))
