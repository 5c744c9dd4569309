using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// LuaJIT's conversion rules between Lua values and C objects (lj_cconv): reading a C object gives a
/// number, boolean, 64-bit integer cdata, pointer cdata or a reference to an aggregate; storing converts
/// numbers as x64 does (out-of-range doubles become INT_MIN / INT64_MIN), strings to pointers and char
/// arrays, tables to aggregates, and refuses the rest with "cannot convert 'x' to 'y'".
/// </summary>
public static class CConvert
{
    // ---------------- C to Lua ----------------

    /// <summary>The Lua value of the C object of type <paramref name="t"/> at <paramref name="p"/>.</summary>
    public static LuaValue Read(CType t, nint p, NativeBlock? owner, CField? bitField = null)
    {
        var u = t.Unqualified;
        switch (u.Kind)
        {
            case CTypeKind.Bool:
                return bitField is { IsBitField: true } bf0 ? ReadBits(bf0, p, CTypeRegistry.UChar) != 0 : CMemory.ReadInteger(p, 1, true) != 0;
            case CTypeKind.Integer:
                if (bitField is { IsBitField: true } bf) return ReadBits(bf, p, u);
                if (u.Size == 8)
                {
                    long v = CMemory.ReadInt64(p);
                    return LuaValue.FromObject(u.IsUnsigned ? CData.FromUInt64((ulong)v) : CData.FromInt64(v));
                }
                return (double)CMemory.ReadInteger(p, u.Size, u.IsUnsigned);
            case CTypeKind.Float:
                if (u.Size == 4) return CMemory.ReadFloat(p);
                if (u.Size == 8) return CMemory.ReadDouble(p);
                throw new CDeclException("ffi: long double values are not supported yet");
            case CTypeKind.Enum:
            {
                var box = CData.Allocate(u);
                CMemory.WriteInteger(box.Address, 4, CMemory.ReadInteger(p, 4, u.Target!.IsUnsigned));
                return LuaValue.FromObject(box);
            }
            case CTypeKind.Pointer:
                return LuaValue.FromObject(CData.FromPointer(u, (nint)CMemory.ReadInt64(p)));
            case CTypeKind.Complex:
            {
                // A complex number is a value: reading one copies it into a new cdata.
                var box = CData.Allocate(u);
                CMemory.Bytes(p, u.Size).CopyTo(CMemory.Bytes(box.Address, u.Size));
                return LuaValue.FromObject(box);
            }
            case CTypeKind.Struct:
            case CTypeKind.Union:
            case CTypeKind.Array:
                return LuaValue.FromObject(new CData(t, p, owner, isReference: true));
            default:
                throw new CDeclException($"cannot convert '{CTypeFormatter.Format(t)}' to 'number'");
        }
    }

    private static double ReadBits(CField f, nint p, CType unit)
    {
        ulong raw = (ulong)CMemory.ReadInteger(p, f.Type.Size, true);
        ulong v = (raw >> f.BitOffset) & (f.BitWidth == 64 ? ulong.MaxValue : (1UL << f.BitWidth) - 1);
        if (!f.Type.IsUnsigned && f.Type.Kind != CTypeKind.Bool && f.BitWidth < 64 && (v & (1UL << (f.BitWidth - 1))) != 0)
            return (long)(v | ~((1UL << f.BitWidth) - 1));
        return v;
    }

    // ---------------- number conversions as x64 does them ----------------

    /// <summary>cvttsd2si with a 32-bit result: truncation, INT_MIN when out of range or NaN.</summary>
    public static int DoubleToInt32(double d) => d >= -2147483648.0 && d < 2147483648.0 ? (int)d : int.MinValue;

    /// <summary>cvttsd2si with a 64-bit result: truncation, INT64_MIN when out of range or NaN.</summary>
    public static long DoubleToInt64(double d) =>
        d >= -9223372036854775808.0 && d < 9223372036854775808.0 ? (long)d : long.MinValue;

    /// <summary>
    /// Debian luajit2's double to uint64_t, as measured: from 2^63 up the value is taken modulo 2^64
    /// (via int64 after subtracting 2^64, INT64_MIN's bits when still out of range); values that
    /// truncate to a negative integer, and NaN, give 2^63; the rest truncate.
    /// </summary>
    public static ulong DoubleToUInt64(double d)
    {
        if (d >= 9223372036854775808.0) return (ulong)DoubleToInt64(d - 18446744073709551616.0);
        if (d > -1.0) return (ulong)(long)d;
        return 0x8000000000000000UL; // negative (<= -1) and NaN
    }

    /// <summary>A double stored into an integer of <paramref name="t"/> (bits as they land in memory).</summary>
    public static long DoubleToInteger(double d, CType t)
    {
        if (t.Size == 8) return t.IsUnsigned ? (long)DoubleToUInt64(d) : DoubleToInt64(d);
        if (t.Size == 4 && t.IsUnsigned) return DoubleToInt64(d);
        return DoubleToInt32(d);
    }

    // ---------------- Lua to C ----------------

    /// <summary>Stores <paramref name="v"/> into the C object of type <paramref name="t"/> at <paramref name="p"/>.</summary>
    /// <param name="cast">ffi.cast's looser rules (numbers to pointers, pointers to integers).</param>
    public static void Write(CType t, nint p, in LuaValue v, bool cast = false, CField? bitField = null)
    {
        var u = t.Unqualified;
        switch (u.Kind)
        {
            case CTypeKind.Bool:
                WriteInteger(u, p, v.IsBoolean ? (v.AsBoolean ? 1 : 0) : ToInteger(v, u, cast) != 0 ? 1 : 0, bitField);
                return;
            case CTypeKind.Integer:
                WriteInteger(u, p, ToInteger(v, u, cast), bitField);
                return;
            case CTypeKind.Enum:
                if (v.Ref is LuaString name)
                {
                    if (!u.EnumValues!.TryGetValue(name.ToLatin1(), out long ev)) throw ConvertError(v, t);
                    CMemory.WriteInteger(p, 4, ev);
                    return;
                }
                CMemory.WriteInteger(p, 4, ToInteger(v, u.Target!, cast));
                return;
            case CTypeKind.Float:
            {
                double d = ToDouble(v, u);
                if (u.Size == 4) CMemory.WriteFloat(p, (float)d);
                else if (u.Size == 8) CMemory.WriteDouble(p, d);
                else throw new CDeclException("ffi: long double values are not supported yet");
                return;
            }
            case CTypeKind.Pointer:
                CMemory.WriteInt64(p, ToPointer(v, u, cast));
                return;
            case CTypeKind.Complex:
                if (v.Ref is LuaTable ct)
                {
                    CInitializer.FromTable(u, p, ct, u.Size);
                    return;
                }
                var (re, im) = ToComplex(v, u);
                WriteComplex(u, p, re, im);
                return;
            case CTypeKind.Struct:
            case CTypeKind.Union:
                if (v.Ref is CData { TypeValue: null } src && src.Type.Unqualified == u)
                {
                    CopyBytes(src.Address, p, u.Size);
                    return;
                }
                if (v.Ref is LuaTable tbl)
                {
                    CInitializer.FromTable(u, p, tbl, u.Size);
                    return;
                }
                throw ConvertError(v, t);
            case CTypeKind.Array:
                if (v.Ref is LuaString s && u.Target!.Unqualified.Size == 1 && u.Target.IsInteger)
                {
                    long n = Math.Min(s.Length, Math.Max(u.Size, 0));
                    s.Span[..(int)n].CopyTo(CMemory.Bytes(p, n));
                    return;
                }
                if (v.Ref is CData { TypeValue: null } arr && arr.Type.Unqualified == u && u.Size >= 0)
                {
                    CopyBytes(arr.Address, p, u.Size);
                    return;
                }
                if (v.Ref is LuaTable at)
                {
                    CInitializer.FromTable(u, p, at, u.Size);
                    return;
                }
                throw ConvertError(v, t);
            default:
                throw ConvertError(v, t);
        }
    }

    /// <summary>A Lua value as the two parts of a complex number (numbers and numeric cdata are real).</summary>
    public static (double Re, double Im) ToComplex(in LuaValue v, CType t)
    {
        if (v.Ref is CData { TypeValue: null } c && c.Type.Unqualified.Kind == CTypeKind.Complex)
            return ReadComplex(c.Type.Unqualified, c.Address);
        if (v.IsBoolean) throw ConvertError(v, t);
        return (ToDouble(v, t), 0);
    }

    public static (double Re, double Im) ReadComplex(CType complex, nint p) =>
        complex.Target!.Size == 4
            ? (CMemory.ReadFloat(p), CMemory.ReadFloat(p + 4))
            : (CMemory.ReadDouble(p), CMemory.ReadDouble(p + 8));

    public static void WriteComplex(CType complex, nint p, double re, double im)
    {
        if (complex.Target!.Size == 4)
        {
            CMemory.WriteFloat(p, (float)re);
            CMemory.WriteFloat(p + 4, (float)im);
        }
        else
        {
            CMemory.WriteDouble(p, re);
            CMemory.WriteDouble(p + 8, im);
        }
    }

    private static unsafe void CopyBytes(nint from, nint to, long n) => Buffer.MemoryCopy((void*)from, (void*)to, n, n);

    private static void WriteInteger(CType u, nint p, long value, CField? bitField)
    {
        if (bitField is { IsBitField: true } f)
        {
            ulong mask = f.BitWidth == 64 ? ulong.MaxValue : ((1UL << f.BitWidth) - 1) << f.BitOffset;
            if (u.Kind == CTypeKind.Bool) value = value != 0 ? 1 : 0;
            ulong raw = (ulong)CMemory.ReadInteger(p, f.Type.Size, true);
            raw = (raw & ~mask) | (((ulong)value << f.BitOffset) & mask);
            CMemory.WriteInteger(p, f.Type.Size, (long)raw);
            return;
        }
        CMemory.WriteInteger(p, u.Size, value);
    }

    /// <summary>A Lua value as the bits of an integer of type <paramref name="t"/>.</summary>
    public static long ToInteger(in LuaValue v, CType t, bool cast = false)
    {
        if (v.IsNumber) return DoubleToInteger(v.Number, t);
        if (v.IsBoolean) return v.AsBoolean ? 1 : 0;
        if (v.Ref is CData { TypeValue: null } c)
        {
            var s = c.Type.Unqualified;
            if (s.IsInteger) return CMemory.ReadInteger(c.Address, s.StorageType.Size, s.StorageType.IsUnsigned);
            if (s.Kind == CTypeKind.Float) return DoubleToInteger(s.Size == 4 ? CMemory.ReadFloat(c.Address) : CMemory.ReadDouble(c.Address), t);
            if (s.Kind == CTypeKind.Complex) return DoubleToInteger(ReadComplex(s, c.Address).Re, t);
            if (s.IsPointerLike && (cast || t.Size == 8)) return c.PointerValue;
        }
        throw ConvertError(v, t);
    }

    public static double ToDouble(in LuaValue v, CType t)
    {
        if (v.IsNumber) return v.Number;
        if (v.IsBoolean) return v.AsBoolean ? 1 : 0;
        if (v.Ref is CData { TypeValue: null } c)
        {
            var s = c.Type.Unqualified;
            if (s.IsInteger)
            {
                var st = s.StorageType;
                long bits = CMemory.ReadInteger(c.Address, st.Size, st.IsUnsigned);
                return st.IsUnsigned && st.Size == 8 ? (double)(ulong)bits : bits;
            }
            if (s.Kind == CTypeKind.Float) return s.Size == 4 ? CMemory.ReadFloat(c.Address) : CMemory.ReadDouble(c.Address);
            if (s.Kind == CTypeKind.Complex) return ReadComplex(s, c.Address).Re; // the real part, as LuaJIT converts
        }
        throw ConvertError(v, t);
    }

    /// <summary>A Lua value as an address for a pointer of type <paramref name="t"/>.</summary>
    public static nint ToPointer(in LuaValue v, CType t, bool cast = false)
    {
        if (v.IsNil) return 0;
        if (v.Ref is CData { TypeValue: null } c)
        {
            var s = c.Type.Unqualified;
            if (s.IsPointerLike)
            {
                if (!cast && !PointeesCompatible(t.Target!, s.Target!)) throw ConvertError(v, t);
                return c.PointerValue;
            }
            if (s.IsRecord)
            {
                // A struct (reference) converts to a pointer to it.
                if (!cast && !PointeesCompatible(t.Target!, c.Type)) throw ConvertError(v, t);
                return c.Address;
            }
            if (cast && s.IsInteger) return (nint)CMemory.ReadInteger(c.Address, s.StorageType.Size, s.StorageType.IsUnsigned);
        }
        if (v.IsNumber && cast) return (nint)DoubleToInt64(v.Number);
        if (v.Ref is LuaString str && (cast || IsCharPointer(t))) return StringMemory.AddressOf(str);
        if (v.Ref is LuaFunction cf && CFunctionAddresses.TryGet(cf, out nint native)
            && (cast || t.Target!.Unqualified.Kind is CTypeKind.Function or CTypeKind.Void))
            return native;
        if (v.Ref is LuaFunction f && t.Target?.Unqualified.Kind == CTypeKind.Function)
            return cast ? CCallback.Create(f, t) : CCallback.AddressFor(f, t);
        throw ConvertError(v, t);
    }

    /// <summary>
    /// LuaJIT's implicit pointer conversion check: qualifiers may be added but not dropped; void on either
    /// side matches anything; otherwise the pointees must be the same type, or integers/floats of the same
    /// size (signedness is ignored), or pointers with compatible pointees.
    /// </summary>
    public static bool PointeesCompatible(CType destination, CType source)
    {
        if ((source.IsConst && !destination.IsConst) || (source.IsVolatile && !destination.IsVolatile)) return false;
        var d = destination.Unqualified;
        var s = source.Unqualified;
        if (d.Kind == CTypeKind.Void || s.Kind == CTypeKind.Void || ReferenceEquals(d, s)) return true;
        if (d.Kind == s.Kind && d.Kind is CTypeKind.Integer or CTypeKind.Float or CTypeKind.Bool) return d.Size == s.Size;
        if (d.Kind == CTypeKind.Enum || s.Kind == CTypeKind.Enum) return d.IsInteger && s.IsInteger && d.StorageType.Size == s.StorageType.Size;
        if (d.Kind == CTypeKind.Pointer && s.Kind == CTypeKind.Pointer) return PointeesCompatible(d.Target!, s.Target!);
        if (d.Kind == CTypeKind.Array && s.Kind == CTypeKind.Array) return PointeesCompatible(d.Target!, s.Target!);
        return d.Kind == CTypeKind.Function && s.Kind == CTypeKind.Function;
    }

    private static bool IsCharPointer(CType t)
    {
        var declared = t.Target!;
        var target = declared.Unqualified;
        // Only a pointer to const bytes may point into a Lua string (the string is immutable).
        if (!declared.IsConst) return false;
        return target.Kind == CTypeKind.Void || (target.Kind == CTypeKind.Integer && target.Size == 1);
    }

    /// <summary>"cannot convert 'string' to 'int'" — Lua values by type name, cdata by C type.</summary>
    public static CDeclException ConvertError(in LuaValue v, CType t)
    {
        // LuaJIT names a Lua boolean 'bool' here.
        string from = v.Ref is CData c ? CTypeFormatter.Format(c.Type) : v.IsBoolean ? "bool" : v.TypeName;
        return new CDeclException($"cannot convert '{from}' to '{CTypeFormatter.Format(t)}'");
    }
}
