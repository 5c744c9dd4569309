-- The extensions print as builtins.
for _, name in ipairs({ "new", "clear", "clone", "nkeys", "isarray", "isempty" }) do
  print(name, (tostring(require("table." .. name)):gsub("0x%x+", "ADDR"):gsub("#%d+", "#N")))
end
