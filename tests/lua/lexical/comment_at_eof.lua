print("before")
-- final comment without newline
