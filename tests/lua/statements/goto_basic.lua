local i = 1
::top::
if i <= 3 then io.write(i, " ") i = i + 1 goto top end
print()
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    io.write(i, j, " ")
    ::continue::
  end
end
print()
do goto skip print("skipped") ::skip:: end
print("done")
