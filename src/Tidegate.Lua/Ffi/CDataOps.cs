using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// The Lua operators on cdata, as LuaJIT defines them (lj_cdata, lj_carith): indexing arrays, pointers
/// and struct members; 64-bit integer arithmetic with wrap-around (int64_t unless an operand is
/// uint64_t); pointer arithmetic and comparison; and, for structs/unions (and pointers to them), the
/// metamethods of <c>ffi.metatype</c>. <see cref="LuaOps"/> sends any cdata operand here.
/// </summary>
public static class CDataOps
{
    /// <summary>The ffi.metatype table that applies to a cdata: its record type's, or its pointee record's.</summary>
    public static LuaTable? MetatableOf(CData c)
    {
        var t = (c.TypeValue ?? c.Type).Unqualified;
        if (t.Kind == CTypeKind.Pointer) t = t.Target!.Unqualified;
        return t.IsRecord ? t.Metatable : null;
    }

    private static LuaValue MetaMethod(in LuaValue v, LuaString name) =>
        v.Ref is CData c && MetatableOf(c) is { } mt ? mt.Get(name) : LuaValue.Nil;

    /// <summary>How a value is named in cdata operator messages: the C type for cdata, else the Lua type.</summary>
    public static string NameOf(in LuaValue v) => v.Ref is CData c ? CTypeFormatter.Format(c.Type) : v.TypeName;

    private static LuaException Error(LuaThread thread, string message) => thread.RuntimeError(message);

    // ---------------- indexing ----------------

    public static LuaValue Index(LuaThread thread, CData c, in LuaValue key)
    {
        try
        {
            if (c.TypeValue is null && TryElementOrMember(thread.State, c, key, out var address, out var type, out var field, out var owner))
                return CConvert.Read(type, address, owner, field);
        }
        catch (CDeclException e) { throw Error(thread, e.Message); }
        if (c.TypeValue is null && key.Ref is LuaString method && IsFunctionPointer(c.Type))
        {
            // Function pointers have callback methods: cb:free() and cb:set(f).
            var m = method.ToLatin1();
            if (m == "free") return CallbackFree;
            if (m == "set") return CallbackSet;
        }
        var mt = MetatableOf(c);
        if (mt is not null)
        {
            var h = mt.Get(MetaMethodNames.Index);
            if (h.Ref is LuaFunction) return thread.Call1(h, c, key);
            if (!h.IsNil) return IndexMetaTable(thread, c, h, key);
        }
        throw Error(thread, IndexFailure(c, key));
    }

    /// <summary>
    /// A metatype's __index that is not a function, as LuaJIT's ffi_index_meta does it: the lookup goes
    /// through tables and their __index tables without calls; a nil found that way is an error ("has
    /// no member named"), while a value produced by an __index function on the way may be nil.
    /// </summary>
    private static LuaValue IndexMetaTable(LuaThread thread, CData c, LuaValue h, in LuaValue key)
    {
        for (int depth = 0; depth < 100; depth++)
        {
            if (h.Ref is not LuaTable t) return LuaOps.Index(thread, h, key);
            var v = t.Get(key);
            if (!v.IsNil) return v;
            var next = t.Metatable?.Get(MetaMethodNames.Index) ?? LuaValue.Nil;
            if (next.IsNil) break;
            if (next.Ref is LuaFunction) return thread.Call1(next, h, key);
            h = next;
        }
        throw Error(thread, IndexFailure(c, key));
    }

    public static void SetIndex(LuaThread thread, CData c, in LuaValue key, in LuaValue value)
    {
        try
        {
            if (c.TypeValue is null && TryElementOrMember(thread.State, c, key, out var address, out var type, out var field, out _))
            {
                if (type.IsConst || c.Type.Unqualified.Kind == CTypeKind.Complex) throw new CDeclException($"attempt to write to constant location");
                CConvert.Write(type, address, value, bitField: field);
                return;
            }
        }
        catch (CDeclException e) { throw Error(thread, e.Message); }
        var mt = MetatableOf(c);
        if (mt is not null)
        {
            var h = mt.Get(MetaMethodNames.NewIndex);
            if (h.Ref is LuaFunction)
            {
                int b = thread.Top;
                thread.EnsureStack(b + 4);
                thread.Stack[b] = c;
                thread.Stack[b + 1] = key;
                thread.Stack[b + 2] = value;
                thread.Call(h, b, 3);
                return;
            }
            if (!h.IsNil)
            {
                LuaOps.SetIndex(thread, h, key, value);
                return;
            }
        }
        throw Error(thread, IndexFailure(c, key));
    }

    private static bool IsFunctionPointer(CType t) =>
        t.Unqualified.Kind == CTypeKind.Pointer && t.Unqualified.Target!.Unqualified.Kind == CTypeKind.Function;

    private static readonly HostFunction CallbackFree = new("free", call =>
    {
        try { Ffi.CCallback.Free(CallbackAddress(call)); }
        catch (CDeclException e) { throw call.Thread.RuntimeError(e.Message); }
        return 0;
    });

    private static readonly HostFunction CallbackSet = new("set", call =>
    {
        if (call[1].Ref is not LuaFunction f)
            throw call.Thread.RuntimeError($"bad argument #2 to '?' (function expected, got {(call.HasArg(1) ? call[1].TypeName : "no value")})");
        try { Ffi.CCallback.Set(CallbackAddress(call), f); }
        catch (CDeclException e) { throw call.Thread.RuntimeError(e.Message); }
        return 0;
    });

    private static nint CallbackAddress(LuaCall call) =>
        call[0].Ref is CData { TypeValue: null } c && IsFunctionPointer(c.Type) ? c.PointerValue : throw new CDeclException("bad callback");

    private static string IndexFailure(CData c, in LuaValue key)
    {
        var t = c.Type.Unqualified;
        if (t.Kind == CTypeKind.Pointer && !IsFunctionPointer(t)) t = t.Target!.Unqualified;
        if (key.Ref is LuaString s)
            return $"'{CTypeFormatter.Format(c.TypeValue ?? t)}' has no member named '{s.ToLatin1()}'";
        return $"'{CTypeFormatter.Format(c.TypeValue ?? c.Type)}' cannot be indexed with '{key.TypeName}'";
    }

    /// <summary>Resolves <c>c[key]</c> to a C object: an element of an array/pointer, or a member of a record (through a pointer too).</summary>
    private static bool TryElementOrMember(LuaState state, CData c, in LuaValue key, out nint address, out CType type, out CField? field, out NativeBlock? owner)
    {
        var t = c.Type.Unqualified;
        field = null;
        owner = c.Owner;
        address = 0;
        type = t;
        if (t.IsPointerLike && TryIndexNumber(key, out long i))
        {
            var element = t.Target!;
            if (element.Size < 0 && element.Kind != CTypeKind.Struct) throw new CDeclException("size of C type is unknown or too large");
            nint basePtr = c.PointerValue;
            CheckNotNull(basePtr);
            address = basePtr + (nint)(i * Math.Max(element.Size, 0));
            type = element;
            if (t.Kind == CTypeKind.Pointer) owner = null;
            return true;
        }
        if (t.Kind == CTypeKind.Complex)
        {
            // z.re / z.im, z[0] / z[1]: read-only parts.
            int part = -1;
            if (key.Ref is LuaString partName) part = partName.ToLatin1() switch { "re" => 0, "im" => 1, _ => -1 };
            else if (TryIndexNumber(key, out long pi)) part = (int)(pi & 1);
            if (part < 0) return false;
            var partType = t.Target!;
            address = c.Address + (nint)(part * partType.Size);
            type = partType; // read-only: SetIndex refuses writes to a complex number's parts
            return true;
        }
        if (key.Ref is LuaString name)
        {
            var record = t;
            nint basePtr = c.Address;
            if (t.Kind == CTypeKind.Pointer && t.Target!.Unqualified.IsRecord)
            {
                record = t.Target!;
                basePtr = c.PointerValue;
                owner = null;
            }
            if (record.Unqualified.IsRecord && record.TryGetField(name, out var f, out long offset))
            {
                CheckNotNull(basePtr);
                address = basePtr + (nint)offset;
                type = record.IsConst ? FfiState.RegistryOf(state).Qualify(f.Type, true, false) : f.Type;
                field = f.IsBitField ? f : null;
                return true;
            }
        }
        return false;
    }

    private static void CheckNotNull(nint p)
    {
        // Low addresses are never mapped: refuse them rather than crash the process.
        if ((nuint)p < 4096) throw new CDeclException("attempt to index a NULL pointer");
    }

    private static bool TryIndexNumber(in LuaValue key, out long i)
    {
        if (key.IsNumber) { i = CConvert.DoubleToInt64(key.Number); return true; }
        if (key.Ref is CData { TypeValue: null } k && k.Type.Unqualified.IsInteger)
        {
            var st = k.Type.Unqualified.StorageType;
            i = CMemory.ReadInteger(k.Address, st.Size, st.IsUnsigned);
            return true;
        }
        i = 0;
        return false;
    }

    /// <summary>
    /// A complex number as LuaJIT prints it: the real part as a Lua number, then the imaginary part with
    /// its sign ("1.5-2i", "0+1i", "-0-0i"); a NaN or infinite imaginary part is followed by "I", and
    /// its NaN prints as "+nan".
    /// </summary>
    private static LuaString ComplexToString((double Re, double Im) z)
    {
        var re = LuaNumber.ToLuaString(z.Re).ToLatin1();
        bool special = double.IsNaN(z.Im) || double.IsInfinity(z.Im);
        string sign = !double.IsNaN(z.Im) && double.IsNegative(z.Im) ? "-" : "+";
        var im = LuaNumber.ToLuaString(Math.Abs(z.Im)).ToLatin1();
        if (double.IsNaN(z.Im)) im = "nan";
        return LuaString.FromLatin1(re + sign + im + (special ? "I" : "i"));
    }

    /// <summary>The bits of an int64_t/uint64_t cdata, which LuaJIT's string.format takes for its
    /// integer conversions (%d %i %u %o %x %X) as a 64-bit integer; false for anything else.</summary>
    public static bool TryInt64Bits(in LuaValue v, out ulong bits)
    {
        if (v.Ref is CData { TypeValue: null } c && c.Type.Unqualified.Is64BitInteger)
        {
            bits = (ulong)CMemory.ReadInt64(c.Address);
            return true;
        }
        bits = 0;
        return false;
    }

    // ---------------- arithmetic ----------------

    /// <summary>An operand as a 64-bit integer, if it is a number or a numeric cdata; sets <paramref name="unsigned"/> for uint64_t.</summary>
    private static bool TryInteger(in LuaValue v, out long value, ref bool unsigned)
    {
        if (v.IsNumber) { value = 0; return true; } // converted once the signedness is known
        if (v.Ref is CData { TypeValue: null } c)
        {
            var t = c.Type.Unqualified;
            if (t.IsInteger)
            {
                var st = t.StorageType;
                value = CMemory.ReadInteger(c.Address, st.Size, st.IsUnsigned);
                if (st.Size == 8 && st.IsUnsigned) unsigned = true;
                return true;
            }
            if (t.Kind == CTypeKind.Float)
            {
                value = CConvert.DoubleToInt64(t.Size == 4 ? CMemory.ReadFloat(c.Address) : CMemory.ReadDouble(c.Address));
                return true;
            }
        }
        value = 0;
        return false;
    }

    private static long NumberOperand(in LuaValue v, long fromCData, bool unsigned) =>
        v.IsNumber ? (unsigned ? (long)CConvert.DoubleToUInt64(v.Number) : CConvert.DoubleToInt64(v.Number)) : fromCData;

    /// <summary>
    /// Whether two pointers (or arrays) may be subtracted or ordered: LuaJIT's lj_cconv_compatptr with
    /// qualifiers ignored at the top — the same pointer type, or elements of the same kind and size
    /// (int and unsigned mix, int and float or bool do not; void only with void), pointers to
    /// pointers compared with their qualifiers, records only with the same record.
    /// </summary>
    private static bool PointersComparable(CType a, CType b)
    {
        if (ReferenceEquals(a.Unqualified, b.Unqualified)) return true;
        return SameShape(a.Unqualified.Target!, b.Unqualified.Target!, sameQualifiers: false);

        static bool SameShape(CType d, CType s, bool sameQualifiers)
        {
            if (sameQualifiers && (d.IsConst != s.IsConst || d.IsVolatile != s.IsVolatile)) return false;
            d = d.Unqualified;
            s = s.Unqualified;
            if (ReferenceEquals(d, s)) return true;
            if (d.Kind != s.Kind || d.Size != s.Size) return false;
            return d.Kind switch
            {
                CTypeKind.Pointer => SameShape(d.Target!, s.Target!, sameQualifiers: true),
                CTypeKind.Struct or CTypeKind.Union or CTypeKind.Enum => false,
                _ => true,
            };
        }
    }

    public static LuaValue Arith(LuaThread thread, ArithOp op, in LuaValue a, in LuaValue b)
    {
        var pa = a.Ref as CData;
        var pb = b.Ref as CData;
        // Pointer arithmetic.
        if (pa is { TypeValue: null } && pa.Type.Unqualified.IsPointerLike)
        {
            var pt = pa.Type.Unqualified;
            long es = Math.Max(pt.Target!.Size, 0);
            bool u = false;
            if (op == ArithOp.Sub && pb is { TypeValue: null } && pb.Type.Unqualified.IsPointerLike)
            {
                // LuaJIT returns a pointer difference as a plain number of elements.
                if (es > 0 && PointersComparable(pa.Type, pb.Type))
                    return (double)((long)(pa.PointerValue - pb.PointerValue) / es);
            }
            else if ((op == ArithOp.Add || op == ArithOp.Sub) && es > 0 && TryInteger(b, out long n, ref u))
            {
                n = NumberOperand(b, n, false);
                var resultType = FfiState.RegistryOf(thread.State).PointerTo(pt.Target!);
                nint p = pa.PointerValue + (nint)((op == ArithOp.Add ? n : -n) * es);
                return CData.FromPointer(resultType, p);
            }
        }
        else if (pb is { TypeValue: null } && pb.Type.Unqualified.IsPointerLike && op == ArithOp.Add)
        {
            bool u = false;
            if (pb.Type.Unqualified.Target!.Size > 0 && TryInteger(a, out long n, ref u))
            {
                var pt = pb.Type.Unqualified;
                n = NumberOperand(a, n, false);
                var resultType = FfiState.RegistryOf(thread.State).PointerTo(pt.Target!);
                return CData.FromPointer(resultType, pb.PointerValue + (nint)(n * Math.Max(pt.Target!.Size, 0)));
            }
        }
        else
        {
            bool unsigned = false;
            if (TryInteger(a, out long x, ref unsigned) && TryInteger(b, out long y, ref unsigned))
            {
                x = NumberOperand(a, x, unsigned);
                y = NumberOperand(b, y, unsigned);
                return unsigned
                    ? CData.FromUInt64(Int64Arithmetic.Unsigned(op, (ulong)x, (ulong)y))
                    : CData.FromInt64(Int64Arithmetic.Signed(op, x, y));
            }
        }
        var h = MetaMethod(a, ArithEvent(op));
        if (h.IsNil) h = MetaMethod(b, ArithEvent(op));
        if (!h.IsNil) return thread.Call1(h, a, b);
        throw Error(thread, $"attempt to perform arithmetic on '{NameOf(a)}' and '{NameOf(b)}'");
    }

    public static LuaValue Negate(LuaThread thread, in LuaValue a)
    {
        bool unsigned = false;
        if (a.Ref is CData { TypeValue: null } c && !c.Type.Unqualified.IsPointerLike && TryInteger(a, out long x, ref unsigned))
            return unsigned ? CData.FromUInt64((ulong)-x) : CData.FromInt64(unchecked(-x));
        var h = MetaMethod(a, MetaMethodNames.Unm);
        if (!h.IsNil) return thread.Call1(h, a, a);
        // LuaJIT's unary minus is arithmetic with the operand on both sides, and names it twice.
        throw Error(thread, $"attempt to perform arithmetic on '{NameOf(a)}' and '{NameOf(a)}'");
    }

    private static LuaString ArithEvent(ArithOp op) => op switch
    {
        ArithOp.Add => MetaMethodNames.Add,
        ArithOp.Sub => MetaMethodNames.Sub,
        ArithOp.Mul => MetaMethodNames.Mul,
        ArithOp.Div => MetaMethodNames.Div,
        ArithOp.Mod => MetaMethodNames.Mod,
        _ => MetaMethodNames.Pow,
    };

    // ---------------- comparison ----------------

    private static bool IsPointerOperand(in LuaValue v, out nint address)
    {
        address = 0;
        if (v.IsNil) return true;
        if (v.Ref is CData { TypeValue: null } c && c.Type.Unqualified.IsPointerLike)
        {
            address = c.PointerValue;
            return true;
        }
        return false;
    }

    public static bool Equal(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        // Two ctype objects are equal when they stand for the same type (ffi.typeof("int[3]") twice).
        if (a.Ref is CData { TypeValue: { } ta } && b.Ref is CData { TypeValue: { } tb }) return ReferenceEquals(ta, tb);
        // An enum cdata compares with a string by the constant the string names (none: unequal).
        if (TryEnumAndName(a, b, out var e, out var name) || TryEnumAndName(b, a, out e, out name))
            return e.Type.Unqualified.EnumValues!.TryGetValue(name.ToLatin1(), out long ev)
                && CMemory.ReadInteger(e.Address, 4, e.Type.Unqualified.Target!.IsUnsigned) == ev;
        if (IsPointerOperand(a, out var x) && IsPointerOperand(b, out var y) && (a.Ref is CData || b.Ref is CData)) return x == y;
        if (TryCompareNumbers(a, b, out int order)) return order == 0;
        var h = MetaMethod(a, MetaMethodNames.Eq);
        if (h.IsNil) h = MetaMethod(b, MetaMethodNames.Eq);
        if (!h.IsNil) return thread.Call1(h, a, b).IsTruthy;
        if (a.Ref is CData ca && b.Ref is CData cb) return ReferenceEquals(ca, cb) || (ca.TypeValue is null && cb.TypeValue is null && ca.Address == cb.Address && ca.Type.IsRecord && cb.Type.IsRecord);
        return false;
    }

    private static bool TryEnumAndName(in LuaValue x, in LuaValue y, out CData e, out LuaString name)
    {
        if (x.Ref is CData { TypeValue: null } c && c.Type.Unqualified.Kind == CTypeKind.Enum && y.Ref is LuaString s)
        {
            e = c;
            name = s;
            return true;
        }
        e = null!;
        name = null!;
        return false;
    }

    public static bool LessThan(LuaThread thread, in LuaValue a, in LuaValue b) => Compare(thread, a, b, MetaMethodNames.Lt, lessEqual: false);

    public static bool LessEqual(LuaThread thread, in LuaValue a, in LuaValue b) => Compare(thread, a, b, MetaMethodNames.Le, lessEqual: true);

    private static bool Compare(LuaThread thread, in LuaValue a, in LuaValue b, LuaString ev, bool lessEqual)
    {
        if (a.Ref is CData { TypeValue: null } ca && b.Ref is CData { TypeValue: null } cb
            && ca.Type.Unqualified.IsPointerLike && cb.Type.Unqualified.IsPointerLike && PointersComparable(ca.Type, cb.Type))
        {
            nuint x = (nuint)ca.PointerValue, y = (nuint)cb.PointerValue;
            return lessEqual ? x <= y : x < y;
        }
        if (TryCompareNumbers(a, b, out int order)) return lessEqual ? order <= 0 : order < 0;
        var h = MetaMethod(a, ev);
        if (h.IsNil) h = MetaMethod(b, ev);
        if (!h.IsNil) return thread.Call1(h, a, b).IsTruthy;
        throw Error(thread, $"attempt to compare '{NameOf(a)}' with '{NameOf(b)}'");
    }

    /// <summary>Compares two numeric operands (at least one a numeric cdata) as LuaJIT does: as doubles when one is a
    /// float cdata, else as 64-bit integers (unsigned when one is uint64_t).</summary>
    private static bool TryCompareNumbers(in LuaValue a, in LuaValue b, out int order)
    {
        order = 0;
        if (!IsNumericCData(a) && !IsNumericCData(b)) return false;
        if (IsFloatCData(a) || IsFloatCData(b))
        {
            if (!(a.IsNumber || IsNumericCData(a)) || !(b.IsNumber || IsNumericCData(b))) return false;
            double dx = CConvert.ToDouble(a, CTypeRegistry.Double), dy = CConvert.ToDouble(b, CTypeRegistry.Double);
            order = dx < dy ? -1 : dx > dy ? 1 : dx == dy ? 0 : 2;
            return true;
        }
        bool unsigned = false;
        if (!TryInteger(a, out long x, ref unsigned) || !TryInteger(b, out long y, ref unsigned)) return false;
        x = NumberOperand(a, x, unsigned);
        y = NumberOperand(b, y, unsigned);
        order = unsigned ? ((ulong)x).CompareTo((ulong)y) : x.CompareTo(y);
        return true;
    }

    private static bool IsNumericCData(in LuaValue v) => v.Ref is CData { TypeValue: null } c && c.Type.Unqualified.IsNumeric;
    private static bool IsFloatCData(in LuaValue v) => v.Ref is CData { TypeValue: null } c && c.Type.Unqualified.Kind == CTypeKind.Float;

    // ---------------- other operators ----------------

    public static LuaValue Concat(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        var h = MetaMethod(a, MetaMethodNames.Concat);
        if (h.IsNil) h = MetaMethod(b, MetaMethodNames.Concat);
        if (!h.IsNil) return thread.Call1(h, a, b);
        throw Error(thread, $"attempt to concatenate '{NameOf(a)}' and '{NameOf(b)}'");
    }

    public static LuaValue Length(LuaThread thread, CData c)
    {
        var h = MetaMethod(c, MetaMethodNames.Len);
        if (!h.IsNil) return thread.Call1(h, c);
        throw Error(thread, $"attempt to get length of '{NameOf(c)}'");
    }

    /// <summary>tostring(): __tostring, else LuaJIT's forms: "ctype&lt;int&gt;", "12LL", "cdata&lt;char *&gt;: NULL", "cdata&lt;struct foo&gt;: 0x...".</summary>
    public static LuaValue ToStringValue(LuaThread thread, CData c)
    {
        var h = MetaMethod(c, MetaMethodNames.ToString);
        if (!h.IsNil) return thread.Call1(h, c);
        return RawToString(c);
    }

    public static LuaString RawToString(CData c)
    {
        if (c.TypeValue is not null) return LuaString.FromLatin1("ctype<" + CTypeFormatter.Format(c.TypeValue) + ">");
        var t = c.Type.Unqualified;
        if (t.Is64BitInteger && !c.IsReference)
        {
            long v = CMemory.ReadInt64(c.Address);
            return LuaString.FromLatin1(t.IsUnsigned ? ((ulong)v).ToString() + "ULL" : v.ToString() + "LL");
        }
        if (t.Kind == CTypeKind.Complex && !c.IsReference) return ComplexToString(CConvert.ReadComplex(t, c.Address));
        string name = c.IsReference ? CTypeFormatter.FormatReference(c.Type) : CTypeFormatter.Format(c.Type);
        if (t.Kind == CTypeKind.Enum && !c.IsReference)
            return LuaString.FromLatin1($"cdata<{name}>: " + CMemory.ReadInteger(c.Address, 4, t.Target!.IsUnsigned));
        if (t.Kind == CTypeKind.Pointer)
        {
            nint p = c.PointerValue;
            return LuaString.FromLatin1($"cdata<{name}>: " + (p == 0 ? "NULL" : "0x" + ((ulong)p).ToString("x")));
        }
        return LuaString.FromLatin1($"cdata<{name}>: 0x" + ((ulong)c.Address).ToString("x"));
    }

    /// <summary>
    /// What calling a cdata runs, for the call path to use as it uses __call (the cdata is passed as the
    /// first argument): for a ctype object, ffi.new itself (so <c>T(...)</c> is <c>ffi.new(T, ...)</c>);
    /// a C call for a function pointer, otherwise the metatype's __call, or nil when the cdata is not callable (see <see cref="NotCallable"/>).
    /// </summary>
    public static LuaValue CallHandler(CData c)
    {
        if (c.TypeValue is not null) return Library.FfiLibrary.Constructor;
        var u = c.Type.Unqualified;
        if (u.Kind == CTypeKind.Function || (u.Kind == CTypeKind.Pointer && u.Target!.Unqualified.Kind == CTypeKind.Function))
            return Library.FfiLibrary.FunctionPointerCall;
        return MetaMethod(c, MetaMethodNames.Call);
    }

    /// <summary>LuaJIT's message for calling a cdata that has no __call: "'struct S' is not callable".</summary>
    public static LuaException NotCallable(CData c) => new($"'{CTypeFormatter.Format(c.Type)}' is not callable");
}
