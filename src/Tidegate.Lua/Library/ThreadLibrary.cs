using System.Runtime.CompilerServices;
using Tidegate.Lua.Ffi;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// OpenResty's <c>thread.exdata</c> and <c>thread.exdata2</c> modules: each is one function that gets
/// (no argument) or sets (any cdata, converted to <c>void *</c>) a C pointer kept per coroutine, which
/// OpenResty's C code uses to find the request a coroutine serves. They trade in FFI cdata, and LuaJIT
/// refuses every call until the ffi module is loaded ("ffi module not loaded (yet)"); so does Tidegate.
///
/// <para>LuaJIT copies the pointer into a new coroutine when it is created. Tidegate has no hook at
/// creation, so a coroutine that never set its own pointer reads the main thread's: the same answer
/// whenever the pointer was set on the main thread, which is how scripts (not nginx's C code) use it.
/// .NET hosts (the web layer) set it with <see cref="SetExdata"/>.</para>
/// </summary>
public static class ThreadLibrary
{
    public static readonly IReadOnlyList<string> Modules = new[] { "thread.exdata", "thread.exdata2" };

    /// <summary>One pointer slot per coroutine, for each module.</summary>
    private static readonly ConditionalWeakTable<LuaThread, StrongBox<nint>>[] Slots =
        { new(), new() };

    /// <summary>Adds the modules to package.preload, as OpenResty's LuaJIT preloads them.</summary>
    public static void Register(LuaState state)
    {
        if (state.Globals["package"].Ref is not LuaTable package || package["preload"].Ref is not LuaTable preload) return;
        for (int i = 0; i < Modules.Count; i++)
        {
            int slot = i;
            var name = Modules[i];
            var accessor = new HostFunction(name["thread.".Length..], call => Exdata(call, slot));
            preload[name] = new HostFunction("loader", call => call.Return(accessor));
        }
    }

    /// <summary>Sets a coroutine's pointer (slot 0: thread.exdata, 1: thread.exdata2) from .NET.</summary>
    public static void SetExdata(LuaThread thread, nint pointer, int slot = 0)
    {
        thread.KeepIdentity(); // the pointer is kept per thread object: it must not be recycled
        Slots[slot].AddOrUpdate(thread, new StrongBox<nint>(pointer));
    }

    /// <summary>A coroutine's pointer, falling back to its main thread's; 0 when none was set.</summary>
    public static nint GetExdata(LuaThread thread, int slot = 0)
    {
        if (Slots[slot].TryGetValue(thread, out var own)) return own.Value;
        return Slots[slot].TryGetValue(thread.State.MainThread, out var main) ? main.Value : 0;
    }

    private static int Exdata(LuaCall call, int slot)
    {
        if (!StringBufferLibrary.FfiLoaded(call.State)) throw call.Thread.RuntimeError("ffi module not loaded (yet)");
        var voidPointer = FfiState.RegistryOf(call.State).PointerTo(CTypeRegistry.Void);
        if (call.Count == 0) return call.Return(CData.FromPointer(voidPointer, GetExdata(call.Thread, slot)));
        if (call[0].Ref is not CData) throw call.TypeError(0, "cdata");
        SetExdata(call.Thread, CConvert.ToPointer(call[0], voidPointer, cast: true), slot);
        return 0;
    }
}
