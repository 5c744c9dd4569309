print(loadstring("do ::l1:: end goto l1", "=g"))
print(loadstring("::l1:: do goto l1 end", "=g") ~= nil)
print(loadstring("local function f() goto out end ::out::", "=g"))
print(loadstring("repeat goto cont local x ::cont:: until x", "=g"))
