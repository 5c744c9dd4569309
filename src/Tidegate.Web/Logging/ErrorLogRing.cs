using System.Buffers.Binary;

namespace Tidegate.Web.Logging;

/// <summary>
/// lua_capture_error_log's buffer: one per worker (nginx allocates it at configuration time and each
/// worker process gets its own copy), holding the error-log lines the worker writes, for
/// ngx.errlog.get_logs. It is ngx_lua's ring byte for byte, so what is kept, what is thrown away and
/// when a line does not fit at all come out as on OpenResty: every entry is a 16-byte header (length,
/// level, time) followed by the line's bytes, written at the tail; when the space up to the end of the
/// buffer is too small the tail wraps to the start and the end is marked with a sentinel; the oldest
/// entries at the head are thrown away until the new one fits; a line longer than the buffer minus
/// its header is not kept. Reading every entry empties (resets) the ring.
/// </summary>
public sealed class ErrorLogRing
{
    /// <summary>ngx_lua's entry header: a 28-bit length and 4-bit level, then a double time (16 bytes on x86-64).</summary>
    private const int HeaderLength = 16;

    /// <summary>nginx's error-line buffer (NGX_MAX_ERROR_STR): longer lines are cut to it before they are captured.</summary>
    public const int MaxLine = 2048;

    /// <summary>The ring of the worker running on this thread; lines written on other threads are not captured.</summary>
    [ThreadStatic] private static ErrorLogRing? current;

    public static ErrorLogRing? Current { get => current; set => current = value; }

    private readonly byte[] data;
    private int head, tail, sentinel, count;

    public ErrorLogRing(int size)
    {
        data = GC.AllocateUninitializedArray<byte>(size);
        Reset();
    }

    /// <summary>Lines less severe than this are not captured (errlog.set_filter_level); debug at first.</summary>
    public LogLevel FilterLevel { get; set; } = LogLevel.Debug;

    public int Count => count;

    private int Size => data.Length;

    private void Reset()
    {
        head = tail = 0;
        sentinel = Size;
        count = 0;
    }

    /// <summary>A line as the error log wrote it (without its line feed), cut to nginx's buffer, if its level passes the filter.</summary>
    public void Capture(LogLevel level, ReadOnlySpan<byte> line, double time)
    {
        if (level > FilterLevel) return;
        if (line.Length > MaxLine) line = line[..MaxLine];
        Write(level, line, time);
    }

    private void Write(LogLevel level, ReadOnlySpan<byte> line, double time)
    {
        int needed = line.Length + HeaderLength;
        if (needed > Size) return;
        if (FreeSpace() < needed)
        {
            // Not enough room after the tail: the rest of the buffer is marked unused and writing wraps.
            if (Size - tail < needed)
            {
                sentinel = tail;
                tail = 0;
            }
            // Throw the oldest entries away until the line fits. ngx_lua stops early when the head
            // itself had to wrap (its loop condition); that quirk is kept so the contents match.
            do
            {
                if (head != NextHeader()) break;
                if (!EntryFits(head)) { Reset(); break; }
                head += HeaderLength + EntryLength(head);
                count--;
                NextHeader();
            } while (FreeSpace() < needed);
        }
        var header = data.AsSpan(tail, HeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)line.Length | ((uint)level << 28));
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 0);
        BinaryPrimitives.WriteDoubleLittleEndian(header[8..], time);
        tail += HeaderLength;
        line.CopyTo(data.AsSpan(tail));
        tail += line.Length;
        count++;
    }

    /// <summary>The oldest line, or false when none is left; the ring resets once the last one is read.</summary>
    public bool TryRead(out LogLevel level, out double time, out byte[] line)
    {
        level = default;
        time = 0;
        line = Array.Empty<byte>();
        if (count == 0) return false;
        int at = NextHeader();
        if (head >= sentinel) return false;
        if (!EntryFits(at)) { Reset(); return false; }
        uint word = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));
        int length = (int)(word & 0x0FFFFFFF);
        level = (LogLevel)(word >> 28);
        time = BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(at + 8));
        line = data.AsSpan(at + HeaderLength, length).ToArray();
        head = at + HeaderLength + length;
        count--;
        if (count == 0) Reset();
        return true;
    }

    /// <summary>
    /// A header that describes bytes inside the buffer. ngx_lua's early stop can let a new entry overwrite
    /// old ones, after which it reads whatever memory holds; here such a ring is emptied instead.
    /// </summary>
    private bool EntryFits(int at) => at + HeaderLength <= Size && at + HeaderLength + EntryLength(at) <= Size;

    private int EntryLength(int at) => (int)(BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at)) & 0x0FFFFFFF);

    /// <summary>Where the head's entry is: past an end too short for a header, or at the sentinel, it is at the start.</summary>
    private int NextHeader()
    {
        if (Size - head < HeaderLength || head >= sentinel) head = 0;
        return head;
    }

    private int FreeSpace()
    {
        if (tail == head && tail == 0) return Size;
        if (tail > head) return Size - tail;
        return head - tail;
    }
}
