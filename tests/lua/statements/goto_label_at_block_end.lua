for i = 1, 3 do
  if i == 2 then goto skip end
  io.write(i, " ")
  ::skip::
end
print()
do
  goto done
  local unreachable = 1
  ::done::
end
print("ok")
