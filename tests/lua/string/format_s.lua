local f = string.format
print(f("[%s][%10s][%-10s][%.2s][%10.2s][%-6.3s]", "hello", "hello", "hello", "hello", "hello", "hello"))
print(f("%s %s %s %s", 1, 1.5, true, nil))
print(f("%s", setmetatable({}, {__tostring = function() return "obj" end})))
print(f("[%s]", "a\0b") == "[a\0b]", #f("%s", "a\0b"))
print(f("%5s|%-5s|", "toolongvalue", "x"))
print(pcall(f, "%s"))
print(pcall(f, "%10.3s", {}))
