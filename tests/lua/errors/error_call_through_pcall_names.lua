-- Errors raised by functions called through pcall carry no variable name.
print(pcall(nil))
print(pcall({}))
print(pcall("str"))
print(pcall(coroutine.wrap(function() local a a() end)))
