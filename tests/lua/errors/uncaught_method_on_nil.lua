local obj
obj:method()
