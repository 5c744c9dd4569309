-- Arithmetic on a nil global at a script's top level: the message names the global.
local base = 10
print(base + 1)
local total = base + missingCount
print("not reached", total)
