local text = [[
The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs!
A fox, a dog, and THE end.
]]
local counts = {}
for word in text:lower():gmatch("%a+") do counts[word] = (counts[word] or 0) + 1 end
local words = {}
for w, n in pairs(counts) do words[#words + 1] = {w = w, n = n} end
table.sort(words, function(a, b) if a.n ~= b.n then return a.n > b.n end return a.w < b.w end)
for i = 1, 6 do io.write(string.format("%-6s%3d\n", words[i].w, words[i].n)) end
print(#words)
