using System.Runtime.InteropServices;
using Tidegate.Lua.Ffi;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Library;

/// <summary>
/// LuaJIT's <c>ffi</c> module (loaded with <c>require "ffi"</c>; it is not a global): C declarations,
/// ctypes and cdata over native memory, calls into C through <c>ffi.C</c> and <c>ffi.load</c>.
/// Calls into C (by value, variadic, through function pointers) and callbacks into Lua are described in docs/ffi.md.
/// </summary>
public static class FfiLibrary
{
    /// <summary>Registers the module in package.preload, so <c>require "ffi"</c> opens it.</summary>
    public static void Register(LuaState state)
    {
        if (state.Globals["package"].Ref is LuaTable package && package["preload"].Ref is LuaTable preload)
            preload["ffi"] = new HostFunction("loader", call => call.Return(Open(call.State)));
    }

    public static LuaTable Open(LuaState state)
    {
        var ffi = new LuaTable(0, 32);
        Add(ffi, "cdef", Cdef);
        ffi["new"] = Constructor;
        Add(ffi, "cast", Cast);
        Add(ffi, "typeof", TypeOf);
        Add(ffi, "sizeof", SizeOf);
        Add(ffi, "alignof", AlignOf);
        Add(ffi, "offsetof", OffsetOf);
        Add(ffi, "istype", IsType);
        Add(ffi, "string", String);
        Add(ffi, "copy", Copy);
        Add(ffi, "fill", Fill);
        Add(ffi, "metatype", MetaType);
        Add(ffi, "gc", Gc);
        Add(ffi, "errno", Errno);
        Add(ffi, "abi", Abi);
        Add(ffi, "load", Load);
        ffi["os"] = LuaString.FromLatin1("Linux");
        ffi["arch"] = LuaString.FromLatin1("x64");
        ffi["C"] = CNamespace(state);
        return ffi;
    }

    private static void Add(LuaTable t, string name, HostFunctionBody body) => t[name] = new HostFunction(name, body);

    private static CTypeRegistry Registry(LuaCall call) => FfiState.RegistryOf(call.State);

    /// <summary>Runs a type operation, turning its <see cref="CDeclException"/> into a Lua error at the caller.</summary>
    private static LuaException Fail(LuaCall call, CDeclException e) => call.Thread.RuntimeError(e.Message);

    /// <summary>ffi_checkctype: a C type from a string declaration, a ctype object or any cdata's own type.</summary>
    private static CType CheckCType(LuaCall call, int i, List<object>? parameters = null)
    {
        var v = call[i];
        if (v.Ref is CData c) return c.TypeValue ?? c.Type;
        if (v.Ref is LuaString s)
        {
            var reg = Registry(call);
            bool cacheable = parameters is null || parameters.Count == 0;
            if (cacheable && reg.ParsedTypes.TryGetValue(s, out var cached)) return cached;
            try
            {
                var t = new CDeclParser(reg, s.ToLatin1(), parameters).ParseType();
                // A string with a body ("struct { ... }") makes a new type each time, as in LuaJIT; any
                // other type string always means the same type once it has parsed, so it is cached.
                if (cacheable && s.Span.IndexOf((byte)'{') < 0) reg.ParsedTypes[s] = t;
                return t;
            }
            catch (CDeclException e) { throw Fail(call, e); }
        }
        throw call.ArgError(i, $"C type expected, got {(i < call.Count ? v.TypeName : "no value")}");
    }

    /// <summary>The values after a declaration that <c>$</c> in it takes: ctypes, numbers and strings.</summary>
    private static List<object> TypeParameters(LuaCall call, int from)
    {
        var list = new List<object>();
        for (int i = from; i < call.Count; i++)
        {
            var v = call[i];
            list.Add(v.Ref switch
            {
                CData c => (object)(c.TypeValue ?? c.Type),
                LuaString s => s.ToLatin1(),
                _ when v.IsNumber => (long)v.Number,
                _ => throw call.ArgError(i, "C type expected, got " + v.TypeName),
            });
        }
        return list;
    }

    // ---------------- declarations and types ----------------

    private static int Cdef(LuaCall call)
    {
        var source = call.CheckString(0);
        try { new CDeclParser(Registry(call), source.ToLatin1(), TypeParameters(call, 1)).ParseDeclarations(); }
        catch (CDeclException e) { throw Fail(call, e); }
        return 0;
    }

    private static int TypeOf(LuaCall call)
    {
        if (call[0].Ref is LuaString) return call.Return(CData.ForType(CheckCType(call, 0, TypeParameters(call, 1))));
        return call.Return(CData.ForType(CheckCType(call, 0)));
    }

    private static int SizeOf(LuaCall call)
    {
        var t = CheckCType(call, 0);
        if (call[0].Ref is CData { TypeValue: null, IsReference: false } c && (t.Size < 0 || t.IsVariable) && c.Owner is { } block)
            return call.Return((double)block.Size);
        if (t.IsVariable || (t.Kind == CTypeKind.Array && t.Size < 0 && t.Length != 0))
        {
            if (call[1].IsNil) throw call.ArgError(1, "value expected");
            return call.Return((double)VariableSize(call, t, CountArgument(call, 1)));
        }
        return call.Return(t.Size < 0 ? LuaValue.Nil : (double)t.Size);
    }

    /// <summary>The size of a VLA (<c>int[?]</c>) or VLS (a struct ending in one) with <paramref name="n"/> elements.</summary>
    private static long VariableSize(LuaCall call, CType t, long n)
    {
        var u = t.Unqualified;
        CType element;
        long fixedPart;
        if (u.Kind == CTypeKind.Array) { element = u.Target!; fixedPart = 0; }
        else
        {
            var last = u.Fields![^1];
            element = last.Type.Target!;
            fixedPart = last.Offset;
        }
        if (n < 0 || element.Size < 0 || (element.Size > 0 && n > int.MaxValue / element.Size))
            throw call.ArgError(0, "size of C type is unknown or too large");
        long size = fixedPart + n * element.Size;
        return u.Kind == CTypeKind.Array ? size : CRecordLayout.AlignUp(Math.Max(size, u.Size), u.Align);
    }

    /// <summary>A VLA/VLS element count: a number or an integer cdata.</summary>
    private static long CountArgument(LuaCall call, int i)
    {
        if (call[i].Ref is CData { TypeValue: null } c && c.Type.Unqualified.IsInteger)
            return CConvert.ToInteger(call[i], CTypeRegistry.Int64);
        return (long)call.CheckNumber(i);
    }

    private static int AlignOf(LuaCall call) => call.Return((double)CheckCType(call, 0).Align);

    private static int OffsetOf(LuaCall call)
    {
        var t = CheckCType(call, 0).Unqualified;
        var name = call.CheckString(1).ToLatin1();
        if (!t.IsRecord || !t.TryGetField(name, out var f, out long offset)) return 0;
        if (f.IsBitField) return call.Return((double)offset, (double)f.BitOffset, (double)f.BitWidth);
        return call.Return((double)offset);
    }

    private static int IsType(LuaCall call)
    {
        var t = CheckCType(call, 0).Unqualified;
        if (call[1].Ref is not CData { TypeValue: null } c) return call.Return(false);
        var ct = c.Type.Unqualified;
        // LuaJIT compares the types exactly, ignoring only top-level qualifiers.
        return call.Return(ReferenceEquals(t, ct));
    }

    // ---------------- making cdata ----------------

    /// <summary>ffi.new as a value: what calling a ctype object runs (<see cref="CDataOps.CallHandler"/>).</summary>
    public static readonly HostFunction Constructor = new("new", New);

    /// <summary>What calling a function pointer cdata runs: the C call through the pointer (the cdata comes first).</summary>
    public static readonly HostFunction FunctionPointerCall = new("?", call =>
    {
        var c = (CData)call[0].Ref!;
        var u = c.Type.Unqualified;
        var function = u.Kind == CTypeKind.Function ? u : u.Target!.Unqualified;
        nint address = u.Kind == CTypeKind.Function ? c.Address : c.PointerValue;
        if (address < 4096) throw call.Thread.RuntimeError("attempt to call a NULL function pointer");
        try { return CFunctionCall.Invoke(call, function, address, first: 1); }
        catch (CDeclException e) { throw Fail(call, e); }
    });

    private static int New(LuaCall call)
    {
        var t = CheckCType(call, 0);
        return call.Return(Construct(call, t, 1));
    }

    /// <summary>ffi.new and calling a ctype: allocates, zero-fills, applies the initializers, attaches a metatype's __gc.</summary>
    public static CData Construct(LuaCall call, CType t, int firstInit)
    {
        int init = firstInit;
        long size = t.Size;
        if (t.IsVariable || (t.Kind == CTypeKind.Array && t.Size < 0))
        {
            if (!call.HasArg(init)) throw call.ArgError(init, "value expected");
            size = VariableSize(call, t, CountArgument(call, init));
            init++;
        }
        if (size < 0) throw call.ArgError(0, "size of C type is unknown or too large");
        var c = CData.Allocate(t, size);
        try
        {
            var values = call.Args.Length > init ? call.Args[init..].ToArray() : Array.Empty<LuaValue>();
            CInitializer.FromValues(t, c.Address, values, size);
        }
        catch (CDeclException e) { throw Fail(call, e); }
        var mt = CDataOps.MetatableOf(c);
        if (mt is not null)
        {
            var gc = mt.Get(MetaMethodNames.Gc);
            if (!gc.IsNil) CDataFinalizer.Set(call.State, c, gc);
        }
        return c;
    }

    private static int Cast(LuaCall call)
    {
        var t = CheckCType(call, 0);
        var v = call.CheckAny(1);
        var u = t.Unqualified;
        if (!(u.IsNumeric || u.Kind == CTypeKind.Pointer))
        {
            if (v.Ref is CData { TypeValue: null } same && same.Type.Unqualified == u) return call.Return(same);
            throw call.ArgError(0, "invalid C type");
        }
        try
        {
            var c = CData.Allocate(t);
            CConvert.Write(t, c.Address, v, cast: true);
            return call.Return(c);
        }
        catch (CDeclException e) { throw Fail(call, e); }
    }

    // ---------------- memory ----------------

    /// <summary>A pointer argument as LuaJIT's memory functions take it: <c>void *</c> for destinations,
    /// <c>const void *</c> for sources (any pointer, array or struct converts; strings only to sources).</summary>
    private static nint PointerArgument(LuaCall call, int i, bool source = false, CType? pointee = null)
    {
        var v = call[i];
        var reg = FfiState.RegistryOf(call.State);
        var target = reg.PointerTo(reg.Qualify(pointee ?? CTypeRegistry.Void, source, false));
        // Any pointer, array or record cdata is accepted whatever it points to (the target type only
        // names the expected argument in errors).
        bool anyCData = v.Ref is CData { TypeValue: null } c && (c.Type.Unqualified.IsPointerLike || c.Type.Unqualified.IsRecord);
        try { return CConvert.ToPointer(v, target, cast: anyCData); }
        catch (CDeclException e) { throw call.ArgError(i, e.Message); }
    }

    private static int String(LuaCall call)
    {
        var v = call[0];
        nint p;
        if (v.Ref is LuaString s0 && call.HasArg(1)) p = StringMemory.AddressOf(s0);
        else
        {
            p = PointerArgument(call, 0, source: true, pointee: CTypeRegistry.Char);
        }
        if (p == 0) throw call.ArgError(0, "cannot convert 'NULL' to 'const char *'");
        long length;
        if (call.HasArg(1) && !call[1].IsNil)
        {
            try { length = CConvert.ToInteger(call[1], CTypeRegistry.UInt64); }
            catch (CDeclException e) { throw call.ArgError(1, e.Message); }
        }
        else
        {
            length = 0;
            unsafe { while (((byte*)p)[length] != 0) length++; }
        }
        return call.Return(LuaString.FromBytes(CMemory.Bytes(p, length)));
    }

    private static int Copy(LuaCall call)
    {
        nint dst = PointerArgument(call, 0);
        var src = call[1];
        long length;
        nint from;
        if (src.Ref is LuaString s)
        {
            from = StringMemory.AddressOf(s);
            length = call.HasArg(2) ? Math.Min((long)call.CheckNumber(2), s.Length + 1) : s.Length + 1;
        }
        else
        {
            if (!call.HasArg(1)) throw call.ArgError(1, "value expected");
            from = PointerArgument(call, 1, source: true);
            length = (long)call.CheckNumber(2);
        }
        if (length > 0)
        {
            CheckNotNull(call, dst);
            CheckNotNull(call, from);
            unsafe { Buffer.MemoryCopy((void*)from, (void*)dst, length, length); }
        }
        return 0;
    }

    private static int Fill(LuaCall call)
    {
        nint dst = PointerArgument(call, 0);
        long length = (long)call.CheckNumber(1);
        byte value = call.HasArg(2) ? (byte)CConvert.DoubleToInt32(call.CheckNumber(2)) : (byte)0;
        if (length > 0)
        {
            CheckNotNull(call, dst);
            CMemory.Bytes(dst, length).Fill(value);
        }
        return 0;
    }

    /// <summary>LuaJIT would crash writing or reading through NULL here; Tidegate raises an error instead.</summary>
    private static void CheckNotNull(LuaCall call, nint p)
    {
        if ((nuint)p < 4096) throw call.Thread.RuntimeError("attempt to index a NULL pointer");
    }

    // ---------------- metatypes, finalizers, environment ----------------

    private static int MetaType(LuaCall call)
    {
        var t = CheckCType(call, 0).Unqualified;
        var mt = call.CheckTable(1);
        if (!t.IsRecord) throw call.ArgError(0, "invalid C type");
        if (t.Metatable is not null) throw call.Thread.RuntimeError("cannot change a protected metatable");
        t.Metatable = mt;
        return call.Return(CData.ForType(t));
    }

    private static int Gc(LuaCall call)
    {
        if (call[0].Ref is not CData c) throw call.TypeError(0, "cdata");
        // LuaJIT attaches finalizers only to pointers, arrays and records (not to boxed numbers or ctypes).
        if (!call.HasArg(1)) throw call.ArgError(1, "value expected");
        var kind = c.Type.Unqualified.Kind;
        if (c.TypeValue is not null || kind is not (CTypeKind.Pointer or CTypeKind.Array or CTypeKind.Struct or CTypeKind.Union))
            throw call.ArgError(0, "invalid C type");
        var f = call[1];
        CDataFinalizer.Set(call.State, c, f);
        return call.Return(c);
    }

    private static int Errno(LuaCall call)
    {
        int old = Marshal.GetLastSystemError();
        if (call.HasArg(0)) Marshal.SetLastSystemError(call.CheckInt(0));
        return call.Return((double)old);
    }

    private static int Abi(LuaCall call)
    {
        var what = call.CheckString(0).ToLatin1();
        return call.Return(what is "64bit" or "le" or "fpu" or "hardfp" or "gc64");
    }

    /// <summary>
    /// A C namespace (ffi.C, or what ffi.load returns): enum constants by name, declared functions as
    /// callable values (made once per name), declared variables read as their values. LuaJIT gives
    /// functions as cdata; here they are host functions, so calls work through the ordinary call path.
    /// </summary>
    private static LuaUserdata CNamespace(LuaState state, nint[]? libraries = null)
    {
        var functions = new Dictionary<string, HostFunction>();
        var mt = new LuaTable();
        mt[MetaMethodNames.Index] = new HostFunction("C", call =>
        {
            var name = call.CheckString(1).ToLatin1();
            var reg = FfiState.RegistryOf(call.State);
            if (reg.Constants.TryGetValue(name, out var constant)) return call.Return((double)constant.Value);
            if (!reg.Symbols.TryGetValue(name, out var type))
                throw call.Thread.RuntimeError($"missing declaration for symbol '{name}'");
            if (functions.TryGetValue(name, out var existing)) return call.Return(existing);
            if (!CSymbols.TryFind(libraries ?? CSymbols.Default, name, out nint address))
                throw call.Thread.RuntimeError(CSymbols.UndefinedSymbolMessage(libraries, name));
            if (type.Unqualified.Kind == CTypeKind.Function)
            {
                var fn = new HostFunction(name, c =>
                {
                    try { return CFunctionCall.Invoke(c, type, address); }
                    catch (CDeclException e) { throw Fail(c, e); }
                });
                functions[name] = fn;
                CFunctionAddresses.Register(fn, address);
                return call.Return(fn);
            }
            try { return call.Return(CConvert.Read(type, address, null)); }
            catch (CDeclException e) { throw Fail(call, e); }
        });
        // Assigning to a declared C variable writes it; functions, constants and const variables refuse.
        mt[MetaMethodNames.NewIndex] = new HostFunction("C", call =>
        {
            var name = call.CheckString(1).ToLatin1();
            var reg = FfiState.RegistryOf(call.State);
            if (reg.Constants.ContainsKey(name)) throw call.Thread.RuntimeError("attempt to write to constant location");
            if (!reg.Symbols.TryGetValue(name, out var type))
                throw call.Thread.RuntimeError($"missing declaration for symbol '{name}'");
            // As in LuaJIT, the symbol is resolved before the kind of declaration is looked at.
            if (!CSymbols.TryFind(libraries ?? CSymbols.Default, name, out nint address))
                throw call.Thread.RuntimeError(CSymbols.UndefinedSymbolMessage(libraries, name));
            if (type.Unqualified.Kind == CTypeKind.Function || type.IsConst)
                throw call.Thread.RuntimeError("attempt to write to constant location");
            try { CConvert.Write(type, address, call[2]); }
            catch (CDeclException e) { throw Fail(call, e); }
            return 0;
        });
        return new LuaUserdata(null, mt);
    }

    private static int Load(LuaCall call)
    {
        var name = call.CheckString(0).ToLatin1();
        var handle = CSymbols.Load(name);
        if (handle is null)
            throw call.Thread.RuntimeError($"{(name.Contains('/') || name.Contains(".so") ? name : "lib" + name + ".so")}: cannot open shared object file: No such file or directory");
        return call.Return(CNamespace(call.State, new[] { handle.Value }));
    }

    /// <summary>tonumber() of a cdata: numbers and 64-bit integers as doubles, pointers as their address; nil otherwise.</summary>
    public static LuaValue ToNumber(in LuaValue v)
    {
        if (v.IsNumber) return v;
        if (v.Ref is CData { TypeValue: null } c)
        {
            var t = c.Type.Unqualified;
            if (t.IsNumeric || t.Kind == CTypeKind.Complex) return CConvert.ToDouble(v, CTypeRegistry.Double);
            if (t.Kind == CTypeKind.Pointer) return (double)(long)c.PointerValue;
        }
        if (v.Ref is LuaString s && LuaNumber.TryParse(s.Span, out double d)) return d;
        return LuaValue.Nil;
    }
}
