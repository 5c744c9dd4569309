local function last(...) return (select(-1, ...)) end
print(last(1, 2, 3), last("only"))
local function tail(...) return select(2, ...) end
print(tail(1, 2, 3))
