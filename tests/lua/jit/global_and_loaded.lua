-- jit is a global, package.loaded.jit, and require "jit"; jit.opt is package.loaded["jit.opt"].
print(type(jit), package.loaded.jit == jit, require("jit") == jit)
print(type(jit.opt), package.loaded["jit.opt"] == jit.opt, require("jit.opt") == jit.opt)
print(type(jit.opt.start))
