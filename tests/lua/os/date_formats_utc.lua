local t = 1700000000
for _, spec in ipairs({"%Y", "%m", "%d", "%H", "%M", "%S", "%y", "%j", "%a", "%A", "%b", "%B", "%p", "%w", "%%", "%Y-%m-%d %H:%M:%S"}) do
  io.write(spec, "=", os.date("!" .. spec, t), " ")
end
print()
print(os.date("!%c", t))
print(os.date("!%x %X", t))
print(os.date("!%D %T %R %e %h %n%t|", t))
