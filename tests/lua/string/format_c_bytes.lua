local out = {}
for i = 0, 255, 51 do out[#out + 1] = string.format("%c", i) end
print(#table.concat(out), table.concat(out):byte(1, -1))
print(string.format("%3c|%-3c|", 120, 121))
