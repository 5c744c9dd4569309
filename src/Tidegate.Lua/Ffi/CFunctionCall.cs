using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// A call from Lua into C through a declared prototype: each argument is converted to its parameter's
/// C type with LuaJIT's rules (strings to <c>const char *</c>, nil to NULL, numbers truncated...), extra
/// arguments of a variadic function as LuaJIT passes them (numbers and floats as double, cdata as its
/// own type, arrays, structs and strings as pointers, booleans as bool), structs and unions by value
/// as the ABI passes them (<see cref="CByValueType"/>), then the signature's stub makes the native call and the
/// result comes back as a field read would give it (numbers, 64-bit cdata, pointer cdata, a new struct
/// cdata; void gives nothing). Variadic functions are called through a <see cref="VariadicTrampoline"/>.
/// </summary>
public static class CFunctionCall
{
    /// <param name="first">Index of the first C argument in <paramref name="call"/> (1 when the call
    /// is a function pointer cdata's, which comes first).</param>
    public static int Invoke(LuaCall call, CType function, nint address, int first = 0)
    {
        var ps = function.Parameters!;
        int argc = call.Count - first;
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
                    var v = call[first + i];
                    CType pt = i < ps.Count ? ps[i] : VarargType(call, v, i, first);
                    types[i] = CFunctionStub.ClrTypeOf(pt);
                    try
                    {
                        if (v.Ref is LuaString s) keepAlive.Add(s);
                        if (pt.Unqualified.IsRecord || pt.Unqualified.Kind == CTypeKind.Complex)
                        {
                            // By value: the slot holds the address of a copy the stub loads from.
                            var copy = CData.Allocate(pt);
                            CConvert.Write(pt, copy.Address, v);
                            keepAlive.Add(copy);
                            p[i] = copy.Address;
                        }
                        else
                        {
                            CConvert.Write(pt.Unqualified.Kind == CTypeKind.Array ? FfiState.RegistryOf(call.State).PointerTo(pt.Target!) : pt,
                                (nint)(p + i), v);
                        }
                    }
                    catch (CDeclException e)
                    {
                        throw ArgumentError(call, first, i, e.Message);
                    }
                }
                var ret = function.Target!;
                var stub = CFunctionStub.For(CFunctionStub.ClrTypeOf(ret), types);
                // A struct result is written straight into the new cdata that returns it.
                var aggregate = ret.Unqualified.IsRecord || ret.Unqualified.Kind == CTypeKind.Complex ? CData.Allocate(ret) : null;
                nint target = function.IsVararg ? VariadicTrampoline.For(address) : address;
                // Callbacks made during this call run Lua on this thread; their errors surface here.
                var outerThread = CCallback.CurrentThread;
                var outerError = CCallback.PendingError;
                CCallback.CurrentThread = call.Thread;
                CCallback.PendingError = null;
                LuaException? error;
                try { stub(target, (nint)p, aggregate?.Address ?? (nint)p); }
                finally
                {
                    error = CCallback.PendingError;
                    CCallback.CurrentThread = outerThread;
                    CCallback.PendingError = outerError;
                }
                GC.KeepAlive(keepAlive);
                if (error is not null) throw error;
                if (ret.Unqualified.Kind == CTypeKind.Void) return 0;
                if (aggregate is not null) return call.Return(aggregate);
                return call.Return(CConvert.Read(ret, (nint)p, null));
            }
        }
    }

    private static LuaException ArgumentError(LuaCall call, int first, int i, string message) =>
        first == 0 ? call.ArgError(i, message) : call.Thread.RuntimeError($"bad argument #{i + 1} to '?' ({message})");

    /// <summary>The C type a variadic argument is passed as (LuaJIT's rules).</summary>
    private static CType VarargType(LuaCall call, in LuaValue v, int i, int first)
    {
        var reg = FfiState.RegistryOf(call.State);
        if (v.IsNumber) return CTypeRegistry.Double;
        if (v.IsBoolean) return CTypeRegistry.Int; // a bool, promoted to int as C promotes it
        if (v.Ref is LuaString || v.IsNil) return reg.PointerTo(reg.Qualify(CTypeRegistry.Char, true, false));
        if (v.Ref is CData { TypeValue: null } c)
        {
            var t = c.Type.Unqualified;
            if (t.Kind == CTypeKind.Array) return reg.PointerTo(t.Target!);
            if (t.Kind == CTypeKind.Float && t.Size == 4) return CTypeRegistry.Double;
            if (t.IsInteger && t.StorageType.Size < 4) return t.StorageType.IsUnsigned && t.Kind != CTypeKind.Bool ? CTypeRegistry.UInt : CTypeRegistry.Int;
            if (t.IsRecord || t.Kind == CTypeKind.Function) return reg.PointerTo(t);
            return t;
        }
        throw ArgumentError(call, first, i, $"cannot convert '{v.TypeName}' to 'void *'");
    }
}
