namespace Tidegate.Lua.Library.Cjson;

/// <summary>
/// The growable byte buffer an encode writes into (lua-cjson's strbuf). With encode_keep_buffer on, a
/// module table keeps one between calls, as lua-cjson does, but not one grown past
/// <see cref="RetainedCapacity"/>: a single huge document must not pin its memory for the state's life.
/// </summary>
internal sealed class JsonOutput
{
    /// <summary>LuaJIT's longest string (LJ_MAX_STR).</summary>
    private const int MaxLength = 0x7fffff00;
    private const int RetainedCapacity = 1 << 20;

    private byte[] _data = new byte[256];
    private int _length;

    public int Length => _length;
    public ReadOnlySpan<byte> Written => _data.AsSpan(0, _length);

    public void Reset()
    {
        _length = 0;
        if (_data.Length > RetainedCapacity) _data = new byte[256];
    }

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

    /// <summary>Room for <paramref name="count"/> more bytes, to be filled through <see cref="Commit"/>.</summary>
    public Span<byte> GetSpan(int count)
    {
        if (count > _data.Length - _length) Grow(count);
        return _data.AsSpan(_length, count);
    }

    public void Commit(int count) => _length += count;

    private void Grow(long extra)
    {
        long needed = _length + extra;
        if (needed > MaxLength) throw new JsonOutOfMemoryException();
        long size = Math.Max(needed, Math.Min((long)_data.Length * 2, MaxLength));
        try
        {
            Array.Resize(ref _data, (int)size);
        }
        catch (OutOfMemoryException)
        {
            throw new JsonOutOfMemoryException();
        }
    }
}

/// <summary>An encode whose output would exceed what a Lua string can hold (LuaJIT's LUA_ERRMEM).</summary>
internal sealed class JsonOutOfMemoryException : Exception;
