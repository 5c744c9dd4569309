using System.Reflection.Emit;
using Tidegate.Lua.Runtime;
using static Tidegate.Lua.Emit.EmitMembers;

namespace Tidegate.Lua.Emit;

// Debug hooks (debug.sethook's "l", "c" and "r"). Only chunks compiled with ChunkContext.HookChecks
// carry them (see LuaState.CompileHookChecks): a check with a call behind it, even one never taken,
// costs tight numeric loops about 40% in register spills, so ordinary code has none. With no hook set,
// each check is one field load and a branch not taken (thread.HookMask == 0); the event runs in LuaThread.
internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// A line event for a statement on <paramref name="line"/>. <paramref name="force"/>: a backward jump
    /// (a loop going round), which LuaJIT reports even on the same line.
    /// </summary>
    private void EmitLineHook(int line, bool force)
    {
        if (line <= 0 || !_ctx.HookChecks) return;
        // The hot path is a load and a branch not taken; the event call is out of line at the method's end,
        // so the JIT lays the loop bodies out without it.
        var fire = _il.DefineLabel();
        var back = _il.DefineLabel();
        LdThread();
        _il.Emit(OpCodes.Ldfld, ThreadHookMask);
        _il.Emit(OpCodes.Brtrue, fire);
        _il.MarkLabel(back);
        int top = _depth;
        if (top + 1 > _maxDepth) _maxDepth = top + 1;
        _outOfLineHooks.Add(() =>
        {
            _il.MarkLabel(fire);
            LdThread();
            _il.Emit(OpCodes.Ldc_I4, line);
            _il.Emit(force ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
            LdSlotIndex(top);
            _il.Emit(OpCodes.Call, ThreadLineHookEvent);
            _il.Emit(OpCodes.Br, back);
        });
    }

    private readonly List<Action> _outOfLineHooks = new();

    /// <summary>Emits the line events' out-of-line calls (at the method's end, where nothing falls into them).</summary>
    private void EmitOutOfLineHooks()
    {
        foreach (var emit in _outOfLineHooks) emit();
        _outOfLineHooks.Clear();
    }

    /// <summary>The call event, in the prologue once the parameters are in their locals (the hook may reuse the argument slots above them).</summary>
    private void EmitCallHook()
    {
        if (!_ctx.HookChecks) return;
        var skip = _il.DefineLabel();
        LdThread();
        _il.Emit(OpCodes.Ldfld, ThreadHookMask);
        _il.Emit(OpCodes.Brfalse, skip);
        LdThread();
        _il.Emit(OpCodes.Ldarg_2);
        _il.Emit(OpCodes.Ldarg_3);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Call, ThreadCallHookEvent);
        _il.MarkLabel(skip);
    }

    /// <summary>
    /// With the callee on the IL stack (left there): the call event for a host function, which has no
    /// prologue of its own to fire it (a compiled callee fires its own).
    /// </summary>
    private void EmitHostCallHook(int b, LocalBuilder argc)
    {
        if (!_ctx.HookChecks) return;
        var callee = _il.DeclareLocal(typeof(LuaFunction));
        _il.Emit(OpCodes.Stloc, callee);
        LdThread();
        _il.Emit(OpCodes.Ldloc, callee);
        LdSlotIndex(b);
        _il.Emit(OpCodes.Ldloc, argc);
        _il.Emit(OpCodes.Call, ThreadHostCallHookEvent);
        _il.Emit(OpCodes.Ldloc, callee);
    }

    /// <summary>The return event, before the frame's record is popped; <paramref name="freeSlot"/> is above the results.</summary>
    private void EmitReturnHook(int freeSlot)
    {
        if (!_ctx.HookChecks) return;
        var skip = _il.DefineLabel();
        LdThread();
        _il.Emit(OpCodes.Ldfld, ThreadHookMask);
        _il.Emit(OpCodes.Brfalse, skip);
        LdThread();
        LdSlotIndex(freeSlot);
        _il.Emit(OpCodes.Call, ThreadReturnHookEvent);
        _il.MarkLabel(skip);
    }
}
