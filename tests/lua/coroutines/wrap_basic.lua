local gen = coroutine.wrap(function(a)
  for i = 1, 3 do a = coroutine.yield(a * i) end
  return "end"
end)
print(gen(1), gen(10), gen(100), gen(1000))
print(pcall(gen))
