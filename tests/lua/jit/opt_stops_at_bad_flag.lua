-- Flags before a bad one stay applied; those after it are not.
jit.opt.start("0")
print(pcall(jit.opt.start, "fold", "bogus", "cse"))
print(jit.status())
jit.opt.start()
