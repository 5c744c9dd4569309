using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// How a function entry knows the .NET stack still has room without asking the runtime at every call: the
/// range of stack addresses already found safe for a frame to start at, on the OS thread the
/// <see cref="LuaThread"/> last ran on. An entry whose frame lies inside it does nothing more; one outside asks
/// the runtime (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>, whose margin leaves room for
/// well over a hundred ordinary frames) and, when there is room, widens the range to a step below that frame.
/// </summary>
/// <remarks>
/// The range only ever holds addresses of the stack it was checked on (its low end lies above the runtime's
/// margin, its high end was a frame), so a coroutine resumed on another OS thread, whose stack is a separate
/// mapping, falls outside it and is checked there: the range then starts again from that thread's frame.
/// It replaced a test every 16 Lua frames (at depths 15, 31, 47...), which had its own branch and call at every
/// entry and was taken each time a recursion crossed such a depth (some 11 million times in fib(39)). It is
/// kept in the thread rather than per OS thread because compiled chunks (collectible assemblies) reach a
/// [ThreadStatic] only through a helper call, which made fib slower than the test it replaced.
/// </remarks>
internal struct NativeStackGuard
{
    /// <summary>How far below a checked frame others may start before the runtime is asked again.</summary>
    private const int Step = 16 * 1024;

    /// <summary>The range is [Low, Low + Span); empty (Span 0) until the first check.</summary>
    private nuint _low;
    private nuint _span;

    /// <summary>Whether a frame at <paramref name="address"/> needs <see cref="Check"/> first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool IsOutside(nuint address) => address - _low >= _span;

    /// <summary>
    /// Asks the runtime whether a frame may start here (<paramref name="address"/>: a local of the entering
    /// frame's caller chain, where the stack is now); if so, takes the addresses from a step below it up to
    /// the range's top into the range and returns true. A range from another OS thread's stack is dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool Check(nuint address)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) return false;
        nuint low = address > Step ? address - Step : 0;
        nuint high = address + 1;
        // Within a step of the range, or overlapping it: the same stack (separate threads' stacks are far
        // apart mappings with guard pages between them), so the two join.
        nuint top = _low + _span;
        if (_span != 0 && high + Step >= _low && low <= top + Step)
        {
            if (_low < low) low = _low;
            if (top > high) high = top;
        }
        _low = low;
        _span = high - low;
        return true;
    }

    /// <summary>The address of a local of the caller: where the stack is at its frame.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe nuint Here()
    {
        byte probe; // only its address is used (& needs no assignment)
        return (nuint)(&probe);
    }
}
