--[==[ a comment with ]] and ]=] inside ]==] print("after long comment on one line")
--[[]] print("empty long comment")
-- [[ not long, just a line comment
print("done")
