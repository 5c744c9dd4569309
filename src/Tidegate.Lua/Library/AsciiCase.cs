using System.Runtime.Intrinsics;

namespace Tidegate.Lua.Library;

/// <summary>
/// string.upper / string.lower in the C locale: only the ASCII letters change, every other byte (0x80 and
/// up included) is kept. Whole vectors at a time where the hardware has them: a block of text was
/// converted one byte per loop iteration (bench/lua/string-build upper-cases 3.5 KB blocks).
/// </summary>
internal static class AsciiCase
{
    /// <summary>Upper-cases 'a'..'z' in place.</summary>
    public static void ToUpper(Span<byte> bytes) => Flip(bytes, (byte)'a');

    /// <summary>Lower-cases 'A'..'Z' in place.</summary>
    public static void ToLower(Span<byte> bytes) => Flip(bytes, (byte)'A');

    /// <summary>Toggles bit 0x20 of the 26 letters starting at <paramref name="first"/> (which sets or clears it).</summary>
    private static void Flip(Span<byte> bytes, byte first)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && bytes.Length >= Vector256<byte>.Count)
        {
            var start = Vector256.Create(first);
            var letters = Vector256.Create((byte)26);
            var caseBit = Vector256.Create((byte)0x20);
            for (; i <= bytes.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var v = Vector256.Create<byte>(bytes.Slice(i, Vector256<byte>.Count));
                // Unsigned: bytes below `first` wrap around to large values and fail the test.
                var isLetter = Vector256.LessThan(v - start, letters);
                (v ^ (isLetter & caseBit)).CopyTo(bytes.Slice(i, Vector256<byte>.Count));
            }
        }
        for (; i < bytes.Length; i++)
            if ((uint)(bytes[i] - first) < 26) bytes[i] ^= 0x20;
    }
}
