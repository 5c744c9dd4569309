local t = 86400 * 365 + 3661
for _, spec in ipairs({"%U", "%W", "%V", "%G", "%g", "%u", "%C", "%I", "%l", "%k", "%s", "%F", "%r"}) do
  io.write(spec, "=", os.date("!" .. spec, t), " ")
end
print()
print(pcall(os.date, "!%Ez", t))
print(pcall(os.date, "!%Q", t))
