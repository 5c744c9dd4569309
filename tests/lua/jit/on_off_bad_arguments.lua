-- Only nil or a Lua function: a host function, number, string, boolean or table is refused.
for _, v in ipairs({ 1, "x", true, {}, print, coroutine.create(print) }) do
  print(type(v), pcall(jit.on, v))
  print(type(v), pcall(jit.off, v))
end
