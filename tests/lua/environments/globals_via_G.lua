_G.newglobal = 5
print(newglobal)
somevar = "x"
print(_G.somevar, _G["somevar"])
print(_G._G == _G, type(_G))
local count = 0 for k in pairs({print = 1}) do count = count + 1 end print(count)
