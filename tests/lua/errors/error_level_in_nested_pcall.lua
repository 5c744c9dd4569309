local function thrower(level) error("lvl" .. level, level) end
local function a(level) thrower(level) end
local function b(level) a(level) end
for level = 0, 4 do print(pcall(b, level)) end
