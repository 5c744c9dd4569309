namespace Tidegate.Web.Http;

/// <summary>
/// The strings made from the last request head parsed on a connection, for <see cref="RequestParser"/>
/// to reuse when the next head repeats the same bytes: a keepalive client usually sends the same request
/// line and header lines again, and turning them into strings was most of a request's allocation. Only
/// strings that depend on nothing but the bytes (and the connection's fixed settings) are kept; a head
/// that differs makes new ones and replaces them here. One per connection, used by its worker only.
/// </summary>
public sealed class HeadStringCache
{
    /// <summary>The last request line that parsed, and what came of it.</summary>
    public string? RequestLine;
    public string Method = "", RawUri = "", Protocol = "", Path = "";
    public string? Args, AbsoluteHost;
    public int Major, Minor;

    /// <summary>The last head's header lines, in order (name as sent, value trimmed).</summary>
    public readonly List<KeyValuePair<string, string>> Headers = new();

    /// <summary>The last Host value and its validated form.</summary>
    public string? RawHost, Host;

    /// <summary>The string for <paramref name="bytes"/>: <paramref name="known"/> when it holds the same characters, else a new one.</summary>
    public static string Reuse(ReadOnlySpan<byte> bytes, string? known) =>
        known is not null && known.Length == bytes.Length && System.Text.Ascii.Equals(bytes, known)
            ? known
            : System.Text.Encoding.Latin1.GetString(bytes);
}
