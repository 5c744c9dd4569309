using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// A serialization error of <c>string.buffer</c> ("unexpected end of buffer", "cannot serialize 'function'",
/// ...). LuaJIT raises these against the calling Lua function, so the library functions catch them and add
/// that position (<see cref="WithPosition"/>); the serializer itself knows no thread.
/// </summary>
public sealed class StringBufferFormatException : LuaException
{
    public StringBufferFormatException(string message) : base(message) { }

    /// <summary>The same error with the position of the Lua function that called the library function.</summary>
    public LuaException WithPosition(LuaThread thread) => thread.RuntimeError(Message);
}
