-- Long strings at levels 1..4 can hold closing brackets of other levels.
local a = [=[one ]] two]=]
local b = [==[x ]=] ]] y]==]
local c = [===[
]==] ]=] ]]]===]
local d = [====[[[nested]]]====]
print(a); print(b); print(c); print(d)
print(#a, #b, #c, #d)
