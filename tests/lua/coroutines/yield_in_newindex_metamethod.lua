local store = {}
local t = setmetatable({}, {__newindex = function(_, k, v) store[k] = coroutine.yield(k) .. v end})
local co = coroutine.create(function() t.a = "1" return store.a end)
print(coroutine.resume(co))
print(coroutine.resume(co, "prefix-"))
