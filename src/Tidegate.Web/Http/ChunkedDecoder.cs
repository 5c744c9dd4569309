namespace Tidegate.Web.Http;

/// <summary>
/// An incremental decoder for a chunked request body (ngx_http_parse_chunked): hex size with
/// optional extensions, CRLF, data, CRLF, ..., a zero chunk, optional trailers, CRLF. Anything
/// else is an invalid body (nginx answers 400 and logs "client sent invalid chunked body").
/// </summary>
public sealed class ChunkedDecoder
{
    public enum State { NeedMore, Done, Invalid, TooLarge }

    /// <summary>
    /// client_max_body_size (0: no limit). A chunk whose announced size would take the body past
    /// it stops decoding with <see cref="State.TooLarge"/> before its data is read, as nginx's
    /// chunked body filter refuses it ("client intended to send too large chunked body: R+S bytes").
    /// </summary>
    public long MaxBodySize { get; init; }
    /// <summary>Data bytes decoded so far.</summary>
    public long Received { get; private set; }
    /// <summary>The size of the chunk being read (the one refused after <see cref="State.TooLarge"/>).</summary>
    public long ChunkSize => size;

    private enum Step { Size, Extension, SizeLf, Data, DataCr, DataLf, Trailer, TrailerLine, FinalLf }

    private Step step = Step.Size;
    private long size;
    private int sizeDigits;
    private long remaining;

    public State Feed(ReadOnlySpan<byte> input, Stream output, out int consumed)
    {
        int i = 0;
        try
        {
            while (i < input.Length)
            {
                byte c = input[i];
                switch (step)
                {
                    case Step.Size:
                        int digit = HexValue(c);
                        if (digit >= 0)
                        {
                            if (++sizeDigits > 15) return State.Invalid;
                            size = size * 16 + digit;
                            i++;
                            continue;
                        }
                        if (sizeDigits == 0) return State.Invalid;
                        if (c == ';' || c == ' ' || c == '\t') { step = Step.Extension; i++; continue; }
                        if (c == '\r') { step = Step.SizeLf; i++; continue; }
                        if (c == '\n') { i++; if (!AfterSize()) return State.TooLarge; continue; }
                        return State.Invalid;
                    case Step.Extension:
                        if (c == '\r') step = Step.SizeLf;
                        else if (c == '\n') { i++; if (!AfterSize()) return State.TooLarge; continue; }
                        i++;
                        continue;
                    case Step.SizeLf:
                        if (c != '\n') return State.Invalid;
                        i++;
                        if (!AfterSize()) return State.TooLarge;
                        continue;
                    case Step.Data:
                        int take = (int)Math.Min(remaining, input.Length - i);
                        output.Write(input.Slice(i, take));
                        i += take;
                        remaining -= take;
                        Received += take;
                        if (remaining == 0) step = Step.DataCr;
                        continue;
                    case Step.DataCr:
                        if (c == '\r') { step = Step.DataLf; i++; continue; }
                        if (c == '\n') { i++; Reset(); continue; }
                        return State.Invalid;
                    case Step.DataLf:
                        if (c != '\n') return State.Invalid;
                        i++;
                        Reset();
                        continue;
                    case Step.Trailer:
                        // Start of a trailer line or the final empty line.
                        if (c == '\r') { step = Step.FinalLf; i++; continue; }
                        if (c == '\n') { i++; return State.Done; }
                        step = Step.TrailerLine;
                        i++;
                        continue;
                    case Step.TrailerLine:
                        if (c == '\n') step = Step.Trailer;
                        i++;
                        continue;
                    case Step.FinalLf:
                        if (c != '\n') return State.Invalid;
                        i++;
                        return State.Done;
                }
            }
            return State.NeedMore;
        }
        finally
        {
            consumed = i;
        }
    }

    /// <returns>false when the chunk would exceed <see cref="MaxBodySize"/>.</returns>
    private bool AfterSize()
    {
        if (size == 0) { step = Step.Trailer; return true; }
        if (MaxBodySize > 0 && MaxBodySize - Received < size) return false;
        remaining = size;
        step = Step.Data;
        return true;
    }

    private void Reset()
    {
        size = 0;
        sizeDigits = 0;
        step = Step.Size;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
