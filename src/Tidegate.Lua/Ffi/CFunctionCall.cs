using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// A call from Lua into C through a declared prototype: each argument is converted to its parameter's
/// C type with LuaJIT's rules (strings to <c>const char *</c>, nil to NULL, numbers truncated...), extra
/// arguments of a variadic function as LuaJIT passes them (numbers as double, integer cdata as
/// int64_t, pointers and strings as pointers), then the signature's stub makes the native call and the
/// result comes back as a field read would give it (numbers, 64-bit cdata, pointer cdata; void gives
/// nothing).
/// </summary>
public static class CFunctionCall
{
    public static int Invoke(LuaCall call, CType function, nint address, string name)
    {
        var ps = function.Parameters!;
        int argc = call.Count;
        if (argc < ps.Count || (!function.IsVararg && argc > ps.Count))
            throw call.Thread.RuntimeError($"wrong number of arguments for function call");
        var types = new Type[argc];
        Span<long> slots = stackalloc long[Math.Max(argc, 1)];
        var keepAlive = new List<object>();
        unsafe
        {
            fixed (long* p = slots)
            {
                for (int i = 0; i < argc; i++)
                {
                    var v = call[i];
                    CType pt = i < ps.Count ? ps[i] : VarargType(call, v, i);
                    types[i] = CFunctionStub.ClrTypeOf(pt);
                    try
                    {
                        if (v.Ref is LuaString s) keepAlive.Add(s);
                        CConvert.Write(pt.Unqualified.Kind == CTypeKind.Array ? FfiState.RegistryOf(call.State).PointerTo(pt.Target!) : pt,
                            (nint)(p + i), v);
                    }
                    catch (CDeclException e)
                    {
                        throw call.ArgError(i, e.Message);
                    }
                }
                var ret = function.Target!;
                var stub = CFunctionStub.For(CFunctionStub.ClrTypeOf(ret), types);
                // Callbacks made during this call run Lua on this thread; their errors surface here.
                var outerThread = CCallback.CurrentThread;
                var outerError = CCallback.PendingError;
                CCallback.CurrentThread = call.Thread;
                CCallback.PendingError = null;
                LuaException? error;
                try { stub(address, (nint)p); }
                finally
                {
                    error = CCallback.PendingError;
                    CCallback.CurrentThread = outerThread;
                    CCallback.PendingError = outerError;
                }
                GC.KeepAlive(keepAlive);
                if (error is not null) throw error;
                if (ret.Unqualified.Kind == CTypeKind.Void) return 0;
                return call.Return(CConvert.Read(ret, (nint)p, null));
            }
        }
    }

    /// <summary>The C type a variadic argument is passed as (LuaJIT's rules).</summary>
    private static CType VarargType(LuaCall call, in LuaValue v, int i)
    {
        var reg = FfiState.RegistryOf(call.State);
        if (v.IsNumber)
            throw call.Thread.RuntimeError("ffi: passing Lua numbers (doubles) to variadic C functions is not supported yet; pass integers as int64_t cdata");
        if (v.IsBoolean) return CTypeRegistry.Int;
        if (v.Ref is LuaString || v.IsNil) return reg.PointerTo(reg.Qualify(CTypeRegistry.Char, true, false));
        if (v.Ref is CData { TypeValue: null } c)
        {
            var t = c.Type.Unqualified;
            if (t.Kind == CTypeKind.Array) return reg.PointerTo(t.Target!);
            if (t.Kind == CTypeKind.Integer && t.Size < 4) return t.IsUnsigned ? CTypeRegistry.UInt : CTypeRegistry.Int;
            if (t.Kind == CTypeKind.Float)
                throw call.Thread.RuntimeError("ffi: passing floating-point values to variadic C functions is not supported yet");
            if (t.IsRecord) return reg.PointerTo(t);
            return t;
        }
        throw call.ArgError(i, $"cannot convert '{v.TypeName}' to 'void *'");
    }
}
