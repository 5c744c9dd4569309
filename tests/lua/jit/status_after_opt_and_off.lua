-- The mode and the flags are independent.
jit.off()
jit.opt.start("1")
print(jit.status())
jit.on()
print(jit.status())
jit.opt.start()
print(jit.status())
