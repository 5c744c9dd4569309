-- jit's identification fields: types and the values OpenResty's libraries read.
print(type(jit.version), type(jit.version_num), type(jit.os), type(jit.arch))
print(jit.version, jit.version_num)
print(jit.version:match("^LuaJIT 2%.1") ~= nil, jit.version_num >= 20100)
print(jit.os, jit.arch)
