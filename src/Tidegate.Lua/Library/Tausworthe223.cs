namespace Tidegate.Lua.Library;

/// <summary>
/// LuaJIT's math.random generator: a combined Tausworthe generator with period 2^223
/// (L'Ecuyer, "Tables of maximally-equidistributed combined LFSR generators", 1999, table 3, first entry:
/// four 64-bit LFSRs with k = 63, 58, 55, 47). The seeding (four iterations of d = d*pi + e taken as raw
/// IEEE bits, then ten warm-up steps) and the conversion to a double in [0, 1) follow LuaJIT, so that
/// <c>math.randomseed(42); math.random(1, 100)</c> gives LuaJIT's numbers.
/// </summary>
internal sealed class Tausworthe223
{
    private readonly ulong[] _state = new ulong[4];
    private bool _seeded;

    /// <summary>Seeds the generator from a number, as math.randomseed.</summary>
    public void Seed(double d)
    {
        // 64 - k for each generator, as four bytes: each state needs its top k bits not all zero.
        uint shifts = 0x11090601;
        for (int i = 0; i < 4; i++)
        {
            ulong minimum = 1UL << (int)(shifts & 255);
            shifts >>= 8;
            d = d * 3.14159265358979323846 + 2.7182818284590452354;
            ulong u = (ulong)BitConverter.DoubleToInt64Bits(d);
            if (u < minimum) u += minimum;
            _state[i] = u;
        }
        _seeded = true;
        for (int i = 0; i < 10; i++) Step();
    }

    /// <summary>The next number in [0, 1): 52 random bits under the exponent of 1.0, minus 1.</summary>
    public double NextDouble()
    {
        if (!_seeded) Seed(0.0);
        ulong bits = (Step() & 0x000f_ffff_ffff_ffffUL) | 0x3ff0_0000_0000_0000UL;
        return BitConverter.Int64BitsToDouble((long)bits) - 1.0;
    }

    private ulong Step()
    {
        ulong r = 0;
        r ^= Advance(0, 63, 31, 18);
        r ^= Advance(1, 58, 19, 28);
        r ^= Advance(2, 55, 24, 7);
        r ^= Advance(3, 47, 21, 8);
        return r;
    }

    private ulong Advance(int i, int k, int q, int s)
    {
        ulong z = _state[i];
        z = (((z << q) ^ z) >> (k - s)) ^ ((z & (ulong.MaxValue << (64 - k))) << s);
        _state[i] = z;
        return z;
    }
}
