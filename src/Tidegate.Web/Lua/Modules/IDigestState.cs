using System.Security.Cryptography;

namespace Tidegate.Web.Lua.Modules;

/// <summary>A running message digest, as one resty.* digest object holds (OpenSSL's SHA_CTX and friends).</summary>
internal interface IDigestState
{
    /// <summary>The digest's size in bytes.</summary>
    int Length { get; }
    void Append(ReadOnlySpan<byte> data);
    /// <summary>The digest of everything appended; the state starts over (as after reset()).</summary>
    byte[] FinishAndReset();
    void Reset();
}

/// <summary>A digest .NET provides (MD5, SHA-1, SHA-256/384/512).</summary>
internal sealed class IncrementalDigest(HashAlgorithmName algorithm) : IDigestState
{
    private IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);

    public int Length => _hash.HashLengthInBytes;
    public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);
    public byte[] FinishAndReset() => _hash.GetHashAndReset();

    public void Reset()
    {
        _hash.Dispose();
        _hash = IncrementalHash.CreateHash(algorithm);
    }
}
