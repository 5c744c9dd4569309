local co = coroutine.create(function()
  local ok, err = pcall(function()
    local v = coroutine.yield("paused")
    local t = nil
    return t.field .. v
  end)
  return ok, err
end)
print(coroutine.resume(co))
print(coroutine.resume(co, "x"))
