using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// Stable identities for reference values, used where Lua shows an address ("table: 0x...",
/// "function: builtin#N"). .NET objects move, so instead of addresses each object gets a number on
/// first request, kept in a weak table so it lives exactly as long as the object.
/// </summary>
public static class ObjectIdentity
{
    private static readonly ConditionalWeakTable<object, StrongBox<long>> Ids = new();
    private static long _next;

    /// <summary>A process-wide unique, stable number for <paramref name="o"/>, starting at 1.</summary>
    public static long IdOf(object o) =>
        Ids.GetValue(o, static _ => new StrongBox<long>(Interlocked.Increment(ref _next))).Value;

    /// <summary>A pseudo address in LuaJIT's style: "0x" and at least 8 hex digits, distinct per object.</summary>
    public static string AddressOf(object o) => "0x" + (0x40000000L + IdOf(o) * 0x38).ToString("x8");
}
