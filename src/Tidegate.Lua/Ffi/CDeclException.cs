namespace Tidegate.Lua.Ffi;

/// <summary>
/// An error in a C declaration or a type operation, worded as LuaJIT words it ("attempt to redefine 'x'",
/// "';' expected near '}'"). The ffi library turns it into a Lua error at the calling position.
/// </summary>
public sealed class CDeclException(string message) : Exception(message);
