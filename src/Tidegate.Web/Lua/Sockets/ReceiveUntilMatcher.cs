namespace Tidegate.Web.Lua.Sockets;

/// <summary>
/// Where a receiveuntil pattern stands in the bytes buffered so far: found at an offset, or not
/// found and how many leading bytes are certainly data (the rest might be the pattern's start).
/// </summary>
public static class ReceiveUntilMatcher
{
    /// <summary>The offset of the pattern in <paramref name="data"/>, or -1.</summary>
    public static int Find(ReadOnlySpan<byte> data, ReadOnlySpan<byte> pattern) => data.IndexOf(pattern);

    /// <summary>With the pattern absent: the bytes that cannot begin it (the length minus the longest tail that is a prefix of the pattern).</summary>
    public static int SafeLength(ReadOnlySpan<byte> data, ReadOnlySpan<byte> pattern)
    {
        int longest = Math.Min(pattern.Length - 1, data.Length);
        for (int k = longest; k > 0; k--)
            if (data[^k..].SequenceEqual(pattern[..k])) return data.Length - k;
        return data.Length;
    }
}
