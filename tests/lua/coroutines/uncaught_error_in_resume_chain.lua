local co = coroutine.wrap(function() local x = {} return x.a.b end)
co()
