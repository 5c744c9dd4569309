-- Unbounded non-tail recursion ends the script with "stack overflow" on stderr, exit 1.
local function f(n) return 1 + f(n + 1) end
print("before")
f(1)
