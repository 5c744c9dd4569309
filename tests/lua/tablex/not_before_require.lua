-- Before require, the OpenResty extensions are not in table.
print(table.isempty, table.isarray, table.nkeys, table.clone)
print(package.preload["table.isempty"] ~= nil, package.preload["table.new"] ~= nil)
