using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

// A compiled function's prologue, after EnterFrame, must know two things: whether a resume is re-entering
// this frame (thread.RestoringFrame set: restore the saved locals instead of starting), and whether the value
// stack has room for the frame's slots. Both are rare, so one compare answers both: the frame's slot need
// against a limit that is the stack's length normally and -1 while a frame is being restored. That is one load
// from the thread where there used to be a load of RestoringFrame, a load of Stack and one of its length.
public sealed partial class LuaThread
{
    /// <summary><see cref="Stack"/>'s length, or -1 while <see cref="RestoringFrame"/> is set.</summary>
    private int _entrySlotLimit;

    /// <summary>
    /// A compiled prologue's check: true when the frame being entered must restore its saved state (a resume);
    /// otherwise makes sure <see cref="Stack"/> has <paramref name="size"/> slots and returns false.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BeginFrame(int size) => size > _entrySlotLimit && BeginFrameRare(size);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool BeginFrameRare(int size)
    {
        if (_restoringFrame is not null) return true;
        GrowStack(size);
        return false;
    }

    private void UpdateEntrySlotLimit() => _entrySlotLimit = _restoringFrame is null ? Stack.Length : -1;
}
