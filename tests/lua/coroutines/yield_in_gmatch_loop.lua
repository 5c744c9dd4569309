local co = coroutine.wrap(function()
  for w in ("alpha beta gamma"):gmatch("%a+") do coroutine.yield(w) end
  return "end"
end)
print(co(), co(), co(), co())
