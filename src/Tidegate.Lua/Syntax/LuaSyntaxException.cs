using System.Text;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Syntax;

/// <summary>
/// A compile-time error. Its Lua value is the complete message as LuaJIT words it
/// (<c>chunk:line: message near 'token'</c>), built from bytes so token text survives unchanged.
/// </summary>
public sealed class LuaSyntaxException : LuaException
{
    public LuaSyntaxException(byte[] message) : base(new LuaString(message))
    {
        IsAtEndOfInput = message.AsSpan().EndsWith("'<eof>'"u8);
    }

    /// <summary>
    /// True when the message ends in <c>'&lt;eof&gt;'</c>: the source stopped too early. An interactive
    /// prompt uses this, as luajit's does, to read another line instead of reporting the error.
    /// </summary>
    public bool IsAtEndOfInput { get; }

    /// <summary>
    /// Formats as lj_err_lex does: <c>display:line: message</c> and, when a token is given,
    /// <c> near 'token'</c>. Text arguments are one char per byte (Latin-1). The token is cut at its
    /// first NUL byte, because LuaJIT formats it as a C string.
    /// </summary>
    public static LuaSyntaxException Create(string chunkDisplay, int line, string message, ReadOnlySpan<byte> near, bool hasNear)
    {
        var bytes = new List<byte>(chunkDisplay.Length + message.Length + near.Length + 24);
        AddLatin1(bytes, chunkDisplay);
        bytes.Add((byte)':');
        AddLatin1(bytes, line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        bytes.Add((byte)':');
        bytes.Add((byte)' ');
        AddLatin1(bytes, message);
        if (hasNear)
        {
            AddLatin1(bytes, " near '");
            int nul = near.IndexOf((byte)0);
            foreach (byte b in nul >= 0 ? near[..nul] : near) bytes.Add(b);
            bytes.Add((byte)'\'');
        }
        return new LuaSyntaxException(bytes.ToArray());
    }

    public static LuaSyntaxException Create(string chunkDisplay, int line, string message, string near)
        => Create(chunkDisplay, line, message, Encoding.Latin1.GetBytes(near), true);

    public static LuaSyntaxException Create(string chunkDisplay, int line, string message)
        => Create(chunkDisplay, line, message, default, false);

    private static void AddLatin1(List<byte> bytes, string s)
    {
        foreach (char c in s) bytes.Add(c <= 0xFF ? (byte)c : (byte)'?');
    }
}
