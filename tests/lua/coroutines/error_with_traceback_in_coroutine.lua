local co = coroutine.create(function() local t = {} return t.a.b end)
local ok, msg = coroutine.resume(co)
print(ok, msg)
print((debug.traceback(co):gsub("\n.*", "")))
