-- Unknown or malformed flags raise LuaJIT's message.
for _, s in ipairs({ "x", "", "+", "-", "no", "Fold", " fold", "fold ", "+nofold", "nonofold",
    "fold=1", "foo=1", "=1", "03", "-3", "3x", "1.5" }) do
  print(pcall(jit.opt.start, s))
end
