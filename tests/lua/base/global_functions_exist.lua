local names = {"assert","collectgarbage","dofile","error","gcinfo","getfenv","getmetatable","ipairs","load","loadfile","loadstring","module","newproxy","next","pairs","pcall","print","rawequal","rawget","rawset","require","select","setfenv","setmetatable","tonumber","tostring","type","unpack","xpcall"}
for _, n in ipairs(names) do io.write(n, "=", type(_G[n]), " ") end
print()
local libs = {"coroutine","debug","io","math","os","package","string","table","bit"}
for _, n in ipairs(libs) do io.write(n, "=", type(_G[n]), " ") end
print()
