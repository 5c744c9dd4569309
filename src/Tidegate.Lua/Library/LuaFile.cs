using System.Diagnostics;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>What a <see cref="LuaFile"/> is open on; it decides what closing means (LuaJIT's IOFILE_TYPE_*).</summary>
public enum LuaFileKind { File, Pipe, Standard }

/// <summary>
/// The object behind a Lua file handle (C's FILE*): a byte stream with C stdio's reading primitives
/// (getc with one byte of pushback, fgets, fread) so io's formats behave as LuaJIT's do. Everything is
/// bytes; nothing passes through a text decoder.
/// </summary>
public sealed class LuaFile
{
    private Stream? _stream;
    private readonly Process? _process;
    private int _pushback = -1;
    private readonly long _id;
    private static long _nextId = 0x55a0_0000_1000;

    public LuaFileKind Kind { get; }
    /// <summary>setvbuf's mode: "no" flushes after every write, "line" after every write holding a newline.</summary>
    public string BufferMode { get; set; } = "full";
    /// <summary>Opened in an append mode: every write goes to the end of the file, as O_APPEND makes C's do.</summary>
    public bool Appending { get; init; }

    public LuaFile(Stream stream, LuaFileKind kind, Process? process = null)
    {
        _stream = stream;
        Kind = kind;
        _process = process;
        _id = Interlocked.Add(ref _nextId, 0x1e0);
    }

    public bool IsClosed => _stream is null;

    /// <summary>
    /// A handle dropped without close still gets its buffered output written, as LuaJIT's __gc closes it.
    /// (The stream's file handle is a critical finalizer, so it is still open when this runs.)
    /// </summary>
    ~LuaFile()
    {
        if (Kind == LuaFileKind.Standard) return;
        try { _stream?.Flush(); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException) { }
    }

    /// <summary>A stand-in for the FILE* address LuaJIT prints ("file (0x...)"): unique per handle.</summary>
    public string Address => "0x" + _id.ToString("x");

    private Stream S => _stream ?? throw new ObjectDisposedException(nameof(LuaFile));

    // ---- reading ----
    // Reads go through a buffer of our own, as C's stdio does, so lines are found with a vectorised scan
    // rather than a call per byte. The stream runs ahead of what Lua has read by the unread buffered bytes;
    // Sync puts it back before anything that needs the true position (seek, write).

    private byte[]? _buffer;
    private int _bufferPos, _bufferLen;

    private int Buffered => _bufferLen - _bufferPos;

    // C's stdio fails a read on a write-only FILE, and a write on a read-only one, with EBADF.
    private Stream Readable => S.CanRead ? S : throw new IOException("Bad file descriptor", 9);
    private Stream Writable => S.CanWrite ? S : throw new IOException("Bad file descriptor", 9);

    private bool Fill()
    {
        var s = Readable;
        _buffer ??= new byte[16 * 1024];
        _bufferPos = 0;
        _bufferLen = s.Read(_buffer, 0, _buffer.Length);
        if (_bufferLen < 0) _bufferLen = 0;
        return _bufferLen > 0;
    }

    /// <summary>getc: the next byte, or -1 at end of file.</summary>
    public int ReadByte()
    {
        if (_pushback >= 0)
        {
            int b = _pushback;
            _pushback = -1;
            return b;
        }
        if (Buffered == 0 && !Fill()) return -1;
        return _buffer![_bufferPos++];
    }

    /// <summary>ungetc of the byte just read.</summary>
    public void Unread(int b)
    {
        if (b < 0) return;
        if (_bufferPos > 0 && _buffer![_bufferPos - 1] == b) _bufferPos--;
        else _pushback = b;
    }

    /// <summary>fread: up to <paramref name="count"/> bytes, fewer at end of file.</summary>
    public byte[] Read(long count)
    {
        var result = new MemoryStream();
        if (count > 0 && _pushback >= 0)
        {
            result.WriteByte((byte)_pushback);
            _pushback = -1;
            count--;
        }
        while (count > 0)
        {
            if (Buffered == 0 && !Fill()) break;
            int n = (int)Math.Min(count, Buffered);
            result.Write(_buffer!, _bufferPos, n);
            _bufferPos += n;
            count -= n;
        }
        return result.ToArray();
    }

    /// <summary>
    /// A line as LuaJIT reads it: fgets into a buffer that starts at 8192 bytes and doubles, each piece
    /// measured with strlen. So, as in LuaJIT, a NUL byte cuts the rest of its piece (the line's newline
    /// included, which joins the next line on), and a line that is only "\0\n" at end of file counts as
    /// nothing read. Returns whether anything was read (LuaJIT's "ok").
    /// </summary>
    public bool ReadLine(bool keepNewline, out byte[] line)
    {
        AbsorbPushback();
        var result = new MemoryStream();
        int m = 8192, n = 0;
        bool ok = false;
        while (true)
        {
            // fgets(buf + n, m - n): at most m - n - 1 bytes, through the first newline; NULL if none at all.
            int limit = m - n - 1;
            int taken = 0, kept = -1;
            bool sawNewline = false;
            while (taken < limit && !sawNewline)
            {
                if (Buffered == 0 && !Fill()) break;
                var span = _buffer.AsSpan(_bufferPos, Math.Min(Buffered, limit - taken));
                int nl = span.IndexOf((byte)'\n');
                if (nl >= 0) { span = span[..(nl + 1)]; sawNewline = true; }
                if (kept < 0)
                {
                    int nul = span.IndexOf((byte)0);
                    result.Write(nul >= 0 ? span[..nul] : span);
                    if (nul >= 0) kept = taken + nul;
                }
                taken += span.Length;
                _bufferPos += span.Length;
            }
            if (taken == 0) break;
            n += kept >= 0 ? kept : taken;
            ok |= n > 0;
            if (n > 0 && result.GetBuffer()[n - 1] == '\n')
            {
                if (!keepNewline) { n--; result.SetLength(n); }
                break;
            }
            if (n >= m - 64) m += m;
        }
        line = result.ToArray();
        return ok;
    }

    // Puts a byte pushed back by ungetc into the read buffer, so the line reader sees one stream of bytes.
    private void AbsorbPushback()
    {
        if (_pushback < 0) return;
        if (_bufferPos > 0) _buffer![--_bufferPos] = (byte)_pushback;
        else
        {
            var grown = new byte[Math.Max(16 * 1024, Buffered + 1)];
            grown[0] = (byte)_pushback;
            if (_buffer is not null) Array.Copy(_buffer, _bufferPos, grown, 1, Buffered);
            _bufferLen = Buffered + 1;
            _bufferPos = 0;
            _buffer = grown;
        }
        _pushback = -1;
    }

    public byte[] ReadAll() => Read(long.MaxValue);

    /// <summary>True unless at end of file (read(0)'s test: getc then ungetc).</summary>
    public bool AtEnd()
    {
        int b = ReadByte();
        Unread(b);
        return b < 0;
    }

    /// <summary>Gives back what was read ahead: the stream's position becomes the one Lua sees.</summary>
    private void Sync()
    {
        int ahead = Buffered + (_pushback >= 0 ? 1 : 0);
        _bufferPos = _bufferLen = 0;
        _pushback = -1;
        if (ahead > 0 && S.CanSeek) S.Seek(-ahead, SeekOrigin.Current);
    }

    // ---- writing, positioning ----

    public void Write(ReadOnlySpan<byte> data)
    {
        var s = Writable;
        Sync();
        if (Appending && s.CanSeek) s.Seek(0, SeekOrigin.End);
        s.Write(data);
        if (BufferMode == "no" || (BufferMode == "line" && data.Contains((byte)'\n'))) s.Flush();
    }

    public void Flush() => _stream?.Flush();

    /// <summary>fseeko/ftello; <paramref name="origin"/> as C's SEEK_SET/CUR/END.</summary>
    public long Seek(long offset, SeekOrigin origin)
    {
        var s = S;
        if (!s.CanSeek) throw new IOException("Illegal seek", 29);
        Sync();
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => s.Position + offset,
            _ => s.Length + offset,
        };
        if (target < 0) throw new IOException("Invalid argument", 22);
        s.Position = target;
        return target;
    }

    /// <summary>Closes the handle; for a pipe, waits for the command as pclose does.</summary>
    public void Close()
    {
        var s = _stream;
        if (s is null) return;
        _stream = null;
        GC.SuppressFinalize(this);
        try
        {
            if (Kind == LuaFileKind.Standard) s.Flush();
            else s.Dispose();
        }
        finally
        {
            if (_process is not null)
            {
                _process.WaitForExit();
                _process.Dispose();
            }
        }
    }
}
