-- jit.off()/jit.on() switch the global mode that jit.status reports.
print((jit.status()))
jit.off()
print((jit.status()))
jit.off()
print((jit.status()))
jit.on()
print((jit.status()))
