namespace Tidegate.Lua.Runtime;

// debug.getlocal / debug.setlocal on running frames. Only functions compiled with local-variable access
// keep their locals in value-stack slots (see FunctionCompiler.Locals.cs); others keep them in IL locals,
// which nothing outside the frame can read, and raise an error naming the limitation.
public sealed partial class LuaThread
{
    private static readonly string NotRecorded =
        "local variables of this function are not recorded (load its chunk with LuaState.CompileLocalAccess, or mention getlocal/setlocal in it)";

    /// <summary>
    /// The <paramref name="n"/>-th local of the function <paramref name="level"/> levels up (1 = the caller
    /// of the running host function), as LuaJIT's getlocal numbers them (negative: varargs). Returns its
    /// name, or null when there is none; false when <paramref name="level"/> is out of range.
    /// A host function's level has no locals. Throws for a Lua function compiled without slots.
    /// </summary>
    public bool TryGetLocal(int level, int n, out string? name, out LuaValue value)
    {
        name = null;
        value = default;
        if (!TryLocalSlot(level, n, out name, out int index, out bool exists)) return exists;
        var v = Stack[index];
        value = v.Ref is UpvalueCell cell ? cell.Value : v;
        return true;
    }

    /// <summary>Sets the local getlocal would read; returns its name (null when there is none). False: level out of range.</summary>
    public bool TrySetLocal(int level, int n, in LuaValue value, out string? name)
    {
        if (!TryLocalSlot(level, n, out name, out int index, out bool exists)) return exists;
        if (Stack[index].Ref is UpvalueCell cell) cell.Value = value;
        else Stack[index] = value;
        return true;
    }

    /// <summary>Finds the stack index of a local; false with <paramref name="exists"/> telling whether the level exists at all.</summary>
    private bool TryLocalSlot(int level, int n, out string? name, out int index, out bool exists)
    {
        name = null;
        index = -1;
        int record = FrameCount - level;
        exists = level >= 1 && record >= 0;
        if (!exists) return false;
        if (Frames[record].Function is not LuaClosure closure || ReferenceEquals(Frames[record].Function, HostFrame)) return false;
        var proto = closure.Proto;
        if (proto.SiteLocals is null) throw RuntimeError(NotRecorded);
        ref var r = ref Frames[record];
        if (n < 0)
        {
            // Varargs lie just below the slots: -1 is the first.
            if (!proto.IsVararg || -n > r.VarargCount) return false;
            name = "(*vararg)";
            index = r.SlotBase - r.VarargCount + (-n - 1);
            return true;
        }
        int site = SiteOfRecord(record);
        var active = (uint)site < (uint)proto.SiteLocals.Length ? proto.SiteLocals[site] : null;
        if (active is null || n < 1 || n > active.Length) return false;
        name = active[n - 1].Name;
        index = r.SlotBase + active[n - 1].Slot;
        return true;
    }
}
