local Account = {}
Account.__index = Account
function Account.new(b) return setmetatable({balance = b}, Account) end
function Account:withdraw(n) if n > self.balance then error("insufficient funds", 2) end self.balance = self.balance - n end
local a = Account.new(10)
print(pcall(function() a:withdraw(100) end))
print(pcall(a.withdraw, a, 100))
