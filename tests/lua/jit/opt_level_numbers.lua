-- Numbers are accepted as their string form.
jit.opt.start(1)
print(jit.status())
jit.opt.start(0)
print(jit.status())
jit.opt.start(3)
print(jit.status())
print(pcall(jit.opt.start, 1.5))
