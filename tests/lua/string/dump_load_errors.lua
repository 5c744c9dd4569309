-- Loading bytecode that is not a dump of this engine (LuaJIT bytecode, damaged dumps) fails with
-- LuaJIT's message and chunk naming; string.dump refuses what it cannot dump.
print(loadstring("\27LJ"))
print(loadstring("\27LJ\2\0\0\0", "=x"))
print(loadstring("\27", "@file.lua"))
print(load("\27TLSz", "named"))
print(pcall(string.dump, print))
print(pcall(string.dump))
print(pcall(string.dump, 1))
