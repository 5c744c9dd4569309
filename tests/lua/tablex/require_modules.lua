-- Each extension loads with require and is also stored in the table library.
for _, name in ipairs({ "new", "clear", "clone", "nkeys", "isarray", "isempty" }) do
  local f = require("table." .. name)
  print(name, type(f), table[name] == f, package.loaded["table." .. name] == f)
end
