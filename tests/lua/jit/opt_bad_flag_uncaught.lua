-- An unknown flag uncaught: exit status 1 and the message on stderr.
jit.opt.start("hotloop=10")
print("before")
jit.opt.start("bogus")
