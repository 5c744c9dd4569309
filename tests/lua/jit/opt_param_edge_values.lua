-- Empty digits and huge values are accepted; signs, hex and junk are not.
print(pcall(jit.opt.start, "hotloop="))
print(pcall(jit.opt.start, "hotloop=99999999999"))
print(pcall(jit.opt.start, "hotloop=-1"))
print(pcall(jit.opt.start, "hotloop=0x10"))
print(pcall(jit.opt.start, "hotloop=1x"))
print(pcall(jit.opt.start, "hotloop= 1"))
print(pcall(jit.opt.start, "hotloop"))
print(pcall(jit.opt.start, "nohotloop"))
