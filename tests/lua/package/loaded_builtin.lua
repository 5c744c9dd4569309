print(package.loaded.string == string, package.loaded._G == _G, package.loaded.math == math)
print(require("string") == string, require("table") == table, require("bit") == bit)
package.loaded.fake = "anything"
print(require("fake"))
print(type(package.path), type(package.cpath), type(package.loaders), #package.loaders)
print(type(package.searchers), type(package.searchpath))
