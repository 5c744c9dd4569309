using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// A growable byte buffer for building Lua strings (string.format, gsub, rep, concat).
/// Sizes beyond LuaJIT's string limit raise LuaJIT's "not enough memory" instead of a .NET
/// OutOfMemoryException, so hostile sizes are a catchable Lua error.
/// </summary>
internal sealed class LuaStringBuilder
{
    /// <summary>LuaJIT's LJ_MAX_STR/LJ_MAX_BUF: the longest string it builds.</summary>
    public const int MaxLength = 0x7fffff00;

    private byte[] _data;
    private int _length;
    private readonly LuaThread? _thread;

    public LuaStringBuilder(LuaThread? thread, int capacity = 64)
    {
        _thread = thread;
        _data = new byte[Math.Max(capacity, 16)];
    }

    [ThreadStatic] private static LuaStringBuilder? _scratch;

    /// <summary>
    /// A cleared builder for short-lived intermediate text (one number's digits), reused per OS thread.
    /// Its contents are valid only until the next call of Scratch on the same thread.
    /// </summary>
    public static LuaStringBuilder Scratch()
    {
        var b = _scratch ??= new LuaStringBuilder(null, 64);
        b._length = 0;
        return b;
    }

    public int Length => _length;
    public ReadOnlySpan<byte> Span => _data.AsSpan(0, _length);

    public void Append(byte b)
    {
        if (_length == _data.Length) Grow(1);
        _data[_length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _data.Length - _length) Grow(bytes.Length);
        bytes.CopyTo(_data.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Append(byte b, int count)
    {
        if (count <= 0) return;
        if (count > _data.Length - _length) Grow(count);
        _data.AsSpan(_length, count).Fill(b);
        _length += count;
    }

    /// <summary>Appends ASCII text (number digits, fixed words); never Lua data.</summary>
    public void AppendAscii(string text)
    {
        if (text.Length > _data.Length - _length) Grow(text.Length);
        for (int i = 0; i < text.Length; i++) _data[_length++] = (byte)text[i];
    }

    /// <summary>Makes room for <paramref name="extra"/> more bytes, or raises "not enough memory".</summary>
    public void Reserve(int extra)
    {
        if (extra > _data.Length - _length) Grow(extra);
    }

    public LuaString ToLuaString() => _length == 0 ? LuaString.Empty : new LuaString(_data.AsSpan(0, _length).ToArray());

    private void Grow(long extra)
    {
        long needed = _length + extra;
        if (needed > MaxLength) throw OutOfMemory(_thread);
        long size = Math.Max(needed, Math.Min((long)_data.Length * 2, MaxLength));
        try
        {
            Array.Resize(ref _data, (int)size);
        }
        catch (OutOfMemoryException)
        {
            throw OutOfMemory(_thread);
        }
    }

    /// <summary>LuaJIT raises its memory error without a position prefix.</summary>
    public static LuaException OutOfMemory(LuaThread? thread) => new("not enough memory");
}
