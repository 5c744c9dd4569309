namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// An encode or decode failure with lua-cjson's message. The module turns it into a Lua error (with the
/// caller's position, as luaL_error adds it) or, in cjson.safe, into <c>nil, message</c> (no position: there
/// the conversion runs under lua_pcall, called from C).
/// </summary>
internal sealed class JsonException(string message) : Exception(message);
