using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// A Lua thread: the main thread of a <see cref="LuaState"/> or a coroutine. It owns the value stack
/// that calls pass arguments and results on (see <see cref="LuaFunction"/> for the protocol).
/// A coroutine never runs on an OS thread of its own: it runs on the .NET stack of whoever resumes it,
/// and yields by unwinding (see docs/engine.md, "Deep yields").
/// </summary>
public sealed partial class LuaThread
{
    public LuaState State { get; }

    /// <summary>The value stack. May be replaced by <see cref="EnsureStack"/>: do not hold on to it across calls.</summary>
    public LuaValue[] Stack = new LuaValue[256];

    /// <summary>The first free stack slot of the running frame; a call puts its arguments here.</summary>
    public int Top;

    /// <summary>Set by a callee returning <see cref="CallStatus.TailCall"/>.</summary>
    public LuaFunction? PendingTailCall;
    public int PendingTailCallArgCount;

    internal LuaThread(LuaState state) => State = state;

    /// <summary>Makes sure <c>Stack</c> has at least <paramref name="size"/> slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureStack(int size)
    {
        if (size > Stack.Length) GrowStack(size);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowStack(int size)
    {
        int n = Stack.Length;
        while (n < size) n *= 2;
        if (n > MaxStackSlots) throw RuntimeError("stack overflow");
        Array.Resize(ref Stack, n);
    }

    /// <summary>The most stack slots a thread may use before "stack overflow".</summary>
    public const int MaxStackSlots = 1 << 24;
}
