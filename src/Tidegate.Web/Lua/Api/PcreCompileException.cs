namespace Tidegate.Web.Lua.Api;

/// <summary>
/// A pattern PCRE would refuse (message and byte offset as pcre_compile reports them), or one using a
/// PCRE construct .NET's engine cannot honour (then the message names the construct and says so).
/// </summary>
internal sealed class PcreCompileException(string message, int offset) : Exception(message)
{
    /// <summary>Byte offset in the pattern where the error was found (the pattern's length: at the end).</summary>
    public int Offset { get; } = offset;
}
