-- Backtracking, captures and realistic parsing patterns.
local s = string.rep("a", 40) .. "b"
print(s:find("a-a-a-a-a-b"), s:match("(a+)(a+)b"):len())
print(("xAyBz"):gsub("%u", function(c) return c:lower() .. c end))
print(("%d %s"):gsub("%%(%a)", "<%1>"))
print(string.format("[%s]", ("\0"):rep(3)):byte(1, -1))
print(("key = value # comment"):match("^(%w+)%s*=%s*(.-)%s*#"))
print(("2024-01-02T03:04:05Z"):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)T(%d%d):(%d%d):(%d%d)Z$"))
print(("a,b;c d"):gsub("[,; ]", {[","] = "1", [";"] = "2"}))
