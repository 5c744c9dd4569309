-- Tail-called frames do not appear in error positions; the error names the current function.
local function fail() error("boom") end
local function mid() return fail() end
print(pcall(mid))
local function deep(n) if n == 0 then return fail() end return deep(n - 1) end
print(pcall(deep, 100000))
