-- struct fields through pointers, a linked list
local ffi = require "ffi"
ffi.cdef"struct node { int v; struct node *next; };"
local nodes = ffi.new("struct node[3]")
for i = 0, 2 do nodes[i].v = i * 10 end
nodes[0].next = nodes + 1
nodes[1].next = nodes + 2
local p = nodes + 0
local sum = 0
while p ~= nil and tostring(p) ~= "cdata<struct node *>: NULL" do sum = sum + p.v; p = p.next end
print(sum)
print(nodes[0].next.v, nodes[0].next.next.v)
