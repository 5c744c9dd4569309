local function f(a, b, c) if c then error({sum = a + b + c}) end return a + b end
print(xpcall(f, function(e) return type(e) == "table" and e.sum or e end, 1, 2))
print(xpcall(f, function(e) return type(e) == "table" and e.sum or e end, 1, 2, 3))
print(xpcall(f, function(e) return e end))
print(xpcall(error, function(e) return "H(" .. tostring(e) .. ")" end, "direct", 0))
