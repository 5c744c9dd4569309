-- jit.opt.start with levels 0..3 (and any other single digit as 3).
for _, level in ipairs({ "0", "1", "2", "3", "9", "5" }) do
  jit.opt.start(level)
  print(level, select(2, jit.status()) ~= nil, table.concat({ select(2, jit.status()) }, " "):match("fold.*$") or "-")
end
