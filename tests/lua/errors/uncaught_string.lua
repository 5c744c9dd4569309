-- An uncaught error: message with position on stderr, exit status 1.
print("output before the error")
local function f() error("something failed") end
f()
print("never printed")
