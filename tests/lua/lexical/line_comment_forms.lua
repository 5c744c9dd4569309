-- plain comment
--[ not a long comment
--[= not a long comment either
print(1) -- trailing
print(2) --[[ inline ]] print(3)
--
print("end")
