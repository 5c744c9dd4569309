-- fma is off by default and not part of any level.
jit.opt.start("fma")
print(jit.status())
jit.opt.start("3")
print(jit.status())
jit.opt.start("2", "fma")
print(jit.status())
jit.opt.start("-fma")
print(jit.status())
