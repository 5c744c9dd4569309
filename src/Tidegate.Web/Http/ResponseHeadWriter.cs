using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Tidegate.Web.Http;

/// <summary>
/// A response head being written as bytes straight into a pooled buffer: the hot path used to
/// build it in a StringBuilder, turn that into a string and encode the string, three copies and
/// three allocations per request. Text pieces are Latin-1 as before (a char above 0xFF becomes
/// '?', as Encoding.Latin1 made it). A mutable struct: keep it in one local and call it in place;
/// <see cref="Dispose"/> gives the buffer back once the bytes are sent.
/// </summary>
internal struct ResponseHeadWriter : IDisposable
{
    private byte[] buffer;
    private int length;

    public ResponseHeadWriter(int capacity)
    {
        buffer = ArrayPool<byte>.Shared.Rent(capacity);
        length = 0;
    }

    public readonly int Length => length;
    public readonly ReadOnlyMemory<byte> Written => buffer.AsMemory(0, length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        length += bytes.Length;
    }

    /// <summary>Latin-1 text; one byte per char at most (a surrogate pair becomes one '?').</summary>
    public void Append(string text) => length += Encoding.Latin1.GetBytes(text, Reserve(text.Length));

    public void Append(long number)
    {
        Utf8Formatter.TryFormat(number, Reserve(20), out int written);
        length += written;
    }

    /// <summary>Reads up to <paramref name="count"/> bytes of <paramref name="stream"/> onto the end; returns how many came.</summary>
    public int AppendFrom(Stream stream, int count)
    {
        var target = Reserve(count);
        int total = 0;
        while (total < count)
        {
            int n = stream.Read(target[total..]);
            if (n <= 0) break;
            total += n;
        }
        length += total;
        return total;
    }

    /// <summary>
    /// Hands the pooled buffer and its length to the caller, who returns the buffer to
    /// <see cref="ArrayPool{T}.Shared"/>; (null, 0) when nothing was written. The writer is empty after.
    /// </summary>
    public (byte[]? Buffer, int Length) Detach()
    {
        var rented = buffer;
        int written = length;
        buffer = Array.Empty<byte>();
        length = 0;
        if (written > 0) return (rented, written);
        if (rented.Length > 0) ArrayPool<byte>.Shared.Return(rented);
        return (null, 0);
    }

    public readonly byte[] ToArray() => buffer.AsSpan(0, length).ToArray();

    private Span<byte> Reserve(int count)
    {
        if (buffer.Length - length < count)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + count));
            buffer.AsSpan(0, length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }
        return buffer.AsSpan(length, count);
    }

    public void Dispose()
    {
        var rented = buffer;
        buffer = Array.Empty<byte>();
        length = 0;
        if (rented.Length > 0) ArrayPool<byte>.Shared.Return(rented);
    }
}
