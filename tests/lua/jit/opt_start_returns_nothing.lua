-- jit.opt.start returns no values.
print(select("#", jit.opt.start("fold")))
print(select("#", jit.opt.start()))
print(select("#", jit.opt.start("hotloop=56", "3")))
