-- jit.opt.start() with no arguments restores the defaults.
jit.opt.start("0")
print(jit.status())
jit.opt.start()
print(jit.status())
