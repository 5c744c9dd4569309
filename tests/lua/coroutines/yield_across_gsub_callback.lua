local co = coroutine.create(function()
  return (string.gsub("abc", "%w", function(c) coroutine.yield(c) return c end))
end)
print(coroutine.resume(co))
