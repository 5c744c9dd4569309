using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// The storage behind one LuaJIT <c>string.buffer</c> object: bytes in <c>[_read, _write)</c> of one array,
/// appended at the write end and consumed from the read end (LuaJIT's SBufExt). When everything has been
/// read the positions go back to the start, so a buffer used as a FIFO does not creep through memory.
/// Also carries the serializer's dictionaries from <c>buffer.new</c>'s options.
/// </summary>
public sealed class StringBuffer
{
    /// <summary>LuaJIT's LJ_MAX_BUF: the most a buffer (and any length argument) may hold.</summary>
    public const int MaxLength = 0x7fffff00;

    private byte[] _data;
    private int _read;
    private int _write;
    /// <summary>
    /// _data is a Lua string's own bytes (after <see cref="Set"/>): read-only, so the first write copies
    /// (LuaJIT's copy-on-write buffers, which make <c>buf:set(s):decode()</c> cost no copy).
    /// </summary>
    private bool _borrowed;

    /// <summary>
    /// A buffer with room for <paramref name="capacity"/> bytes, up to <see cref="MaxPreallocation"/>: the size
    /// is a hint (LuaJIT's malloc reserves address space lazily, a .NET array is committed and zeroed at
    /// once), and the buffer grows on demand beyond it.
    /// </summary>
    public StringBuffer(int capacity = 0) =>
        _data = capacity > 0 ? AllocateOrFail(Math.Min(capacity, MaxPreallocation)) : Array.Empty<byte>();

    /// <summary>The most that a size hint preallocates.</summary>
    public const int MaxPreallocation = 1 << 20;

    /// <summary>The string dictionary (option <c>dict</c>): strings in its array part, in order.</summary>
    public StringBufferDictionary<LuaString>? Strings { get; init; }
    /// <summary>The metatable dictionary (option <c>metatable</c>): tables in its array part, in order.</summary>
    public StringBufferDictionary<LuaTable>? Metatables { get; init; }

    /// <summary>The unread bytes.</summary>
    public int Length => _write - _read;
    public ReadOnlySpan<byte> Span => _data.AsSpan(_read, _write - _read);
    /// <summary>Room left after the write position without growing (LuaJIT's sbufleft).</summary>
    public int FreeSpace => _data.Length - _write;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _data.Length - _write) MakeRoom(bytes.Length);
        bytes.CopyTo(_data.AsSpan(_write));
        _write += bytes.Length;
    }

    public void Append(byte b)
    {
        if (_write == _data.Length) MakeRoom(1);
        _data[_write++] = b;
    }

    /// <summary>Room for <paramref name="count"/> more bytes at the write end; returns the span to fill (commit with <see cref="Commit"/>).</summary>
    public Span<byte> Reserve(int count)
    {
        if (count > _data.Length - _write) MakeRoom(count);
        return _data.AsSpan(_write, count);
    }

    /// <summary>Adds <paramref name="count"/> bytes of reserved space to the contents (at most <see cref="FreeSpace"/>).</summary>
    public void Commit(int count) => _write += count;

    /// <summary>Takes up to <paramref name="count"/> bytes from the read end as a string.</summary>
    public LuaString Take(int count)
    {
        if (count > Length) count = Length;
        var s = LuaString.FromBytes(_data.AsSpan(_read, count));
        _read += count;
        return s;
    }

    /// <summary>Drops up to <paramref name="count"/> bytes from the read end.</summary>
    public void Skip(int count)
    {
        if (count >= Length) Rewind();
        else _read += count;
    }

    /// <summary>Marks <paramref name="count"/> bytes at the read end as read.</summary>
    public void Consume(int count) => _read += count;

    /// <summary>Goes back to the start once everything has been read, as LuaJIT's get does.</summary>
    public void CompactIfEmpty()
    {
        if (_read == _write) Rewind();
    }

    /// <summary>Empty, positions back at the start; a borrowed string is let go rather than written over.</summary>
    private void Rewind()
    {
        _read = _write = 0;
        if (_borrowed)
        {
            _data = Array.Empty<byte>();
            _borrowed = false;
        }
    }

    /// <summary>Empties the buffer, keeping its memory.</summary>
    public void Reset() => Rewind();

    /// <summary>Empties the buffer and gives its memory back.</summary>
    public void Free()
    {
        _data = Array.Empty<byte>();
        _read = _write = 0;
        _borrowed = false;
    }

    /// <summary>Replaces the contents with the bytes of <paramref name="s"/>, borrowed until the next write.</summary>
    public void Set(LuaString s)
    {
        _data = s.Bytes;
        _borrowed = true;
        _read = 0;
        _write = _data.Length;
    }

    private void MakeRoom(long extra)
    {
        int length = Length;
        long needed = length + extra;
        if (needed > MaxLength) throw LuaStringBuilder.OutOfMemory(null);
        if (needed <= _data.Length && !_borrowed)
        {
            // Enough space once the consumed bytes are dropped.
            _data.AsSpan(_read, length).CopyTo(_data);
        }
        else
        {
            long size = Math.Max(Math.Max(needed, 32), Math.Min((long)_data.Length * 2, MaxLength));
            var grown = AllocateOrFail((int)size);
            _data.AsSpan(_read, length).CopyTo(grown);
            _data = grown;
            _borrowed = false;
        }
        _read = 0;
        _write = length;
    }

    private static byte[] AllocateOrFail(int size)
    {
        try
        {
            return new byte[size];
        }
        catch (OutOfMemoryException)
        {
            throw LuaStringBuilder.OutOfMemory(null);
        }
    }
}
