print("this line is never run because the script does not compile")
x = = 1
