namespace Tidegate.Lua.Runtime;

/// <summary>Number ↔ string conversion exactly as LuaJIT does it.</summary>
public static class LuaNumber
{
    /// <summary>tostring(number): "%.14g" with LuaJIT's spellings ("inf", "-inf", "nan", "-0").</summary>
    public static LuaString ToLuaString(double d) => throw new NotImplementedException("LuaNumber.ToLuaString: owned by the runtime helper");

    /// <summary>
    /// tonumber(string) / string→number coercion: optional surrounding whitespace, decimal with exponent,
    /// hex "0x..." (LuaJIT also accepts hex fractions and 'p' exponents). False for anything else.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value) => throw new NotImplementedException("LuaNumber.TryParse: owned by the runtime helper");

    /// <summary>Truncation to int as LuaJIT's argument checks do it (lj_num2int).</summary>
    public static int ToInt32(double d) => throw new NotImplementedException("LuaNumber.ToInt32: owned by the runtime helper");
}
