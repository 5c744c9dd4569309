-- on/off/flush return no values.
print(select("#", jit.on()), select("#", jit.off()), select("#", jit.flush()))
jit.on()
print(select("#", jit.on(nil)), select("#", jit.on(function() end)), select("#", jit.flush(1)))
