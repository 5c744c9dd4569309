-- The message carries the caller's position.
local ok, err = pcall(function()
  jit.opt.start("nosuchflag")
end)
print(ok, err)
