-- Flags with +, - and no prefixes.
jit.opt.start("-fold")
print(jit.status())
jit.opt.start("+fold", "nocse")
print(jit.status())
jit.opt.start("-dce", "-fwd", "-dse", "noabc", "nosink")
print(jit.status())
jit.opt.start("cse", "dce")
print(jit.status())
