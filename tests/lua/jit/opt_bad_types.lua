-- Arguments must be strings or numbers.
print(pcall(jit.opt.start, {}))
print(pcall(jit.opt.start, true))
print(pcall(jit.opt.start, "fold", nil))
print(pcall(function() jit.opt.start("fold", {}) end))
