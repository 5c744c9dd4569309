local a, b
a = coroutine.create(function()
  coroutine.yield("a1")
  print("a resumes b:", coroutine.resume(b))
  coroutine.yield("a2")
end)
b = coroutine.create(function()
  print("b resumes a:", coroutine.resume(a))
  return "b done"
end)
print(coroutine.resume(a))
print(coroutine.resume(b))
print(coroutine.status(a), coroutine.status(b))
