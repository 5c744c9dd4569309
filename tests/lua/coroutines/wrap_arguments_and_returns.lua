local f = coroutine.wrap(function(...) local args = {...} while true do args = {coroutine.yield(#args, ...)} end end)
print(f(1, 2, 3))
print(f())
print(f(nil))
