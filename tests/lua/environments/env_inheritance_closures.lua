-- Closures created inside a function take the environment of the creating function.
local function maker() return function() return who end end
setfenv(maker, {who = "maker env"})
local made = maker()
print(made())
print(getfenv(made) == getfenv(maker))
