global using Xunit;
global using Tidegate.Lua.Runtime;
