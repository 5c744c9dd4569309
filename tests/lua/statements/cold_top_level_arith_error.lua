-- Arithmetic on a nil global at the top level (compact form): the message names the global.
local base = 10
print(base + 1)
local total = base + missingCount
print("not reached", total)
