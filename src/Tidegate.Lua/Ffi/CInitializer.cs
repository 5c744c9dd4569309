using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Ffi;

/// <summary>
/// ffi.new's initializer rules (lj_cconv_ct_init): memory starts zero-filled; a scalar takes one value;
/// an array takes its elements in order, and a single initializer is copied into every element; a byte
/// array takes a string; a struct takes its members in order (descending into nested aggregates as C
/// does not — LuaJIT gives each member one value); a table initializes an array from index 0 (or 1 when
/// [0] is nil) and a struct positionally from [1] while values last, then by member name.
/// </summary>
public static class CInitializer
{
    public static void FromValues(CType t, nint p, ReadOnlySpan<LuaValue> values, long size)
    {
        var u = t.Unqualified;
        if (values.Length == 0) return;
        switch (u.Kind)
        {
            case CTypeKind.Array:
                if (values.Length == 1 && (values[0].Ref is LuaTable || values[0].Ref is LuaString || values[0].Ref is CData { Type.Kind: CTypeKind.Array }))
                {
                    if (values[0].Ref is LuaTable tbl) FromTable(u, p, tbl, size);
                    else if (values[0].Ref is LuaString s && u.Target!.Size == 1)
                    {
                        long n = Math.Min(s.Length, size);
                        s.Span[..(int)n].CopyTo(CMemory.Bytes(p, n));
                    }
                    else CConvert.Write(u, p, values[0]);
                    return;
                }
                FillArray(u, p, values, size);
                return;
            case CTypeKind.Struct:
            case CTypeKind.Union:
                if (values.Length == 1 && (values[0].Ref is LuaTable || values[0].Ref is CData))
                {
                    if (values[0].Ref is LuaTable tbl) FromTable(u, p, tbl, size);
                    else CConvert.Write(u, p, values[0]);
                    return;
                }
                var fields = InitFields(u);
                if (values.Length > fields.Count) throw TooMany(t);
                for (int i = 0; i < values.Length; i++) WriteField(fields[i], p, values[i], size);
                return;
            case CTypeKind.Complex:
                // One value sets the real part (or copies a complex); two are the real and imaginary parts.
                if (values.Length > 2) throw TooMany(t);
                CConvert.Write(u, p, values[0]);
                if (values.Length == 2)
                    CConvert.WriteComplex(u, p, CConvert.ReadComplex(u, p).Re, CConvert.ToDouble(values[1], u.Target!));
                return;
            default:
                if (values.Length > 1) throw TooMany(t);
                CConvert.Write(u, p, values[0]);
                return;
        }
    }

    private static void FillArray(CType u, nint p, ReadOnlySpan<LuaValue> values, long size)
    {
        var element = u.Target!;
        long es = element.Size;
        long count = es > 0 ? size / es : 0;
        if (values.Length > count) throw TooMany(u);
        for (int i = 0; i < values.Length; i++) CConvert.Write(element, p + (nint)(i * es), values[i]);
        if (values.Length == 1)
            for (long i = 1; i < count; i++) CMemory.Bytes(p, es).CopyTo(CMemory.Bytes(p + (nint)(i * es), es));
    }

    public static void FromTable(CType u, nint p, LuaTable t, long size)
    {
        u = u.Unqualified;
        if (u.Kind == CTypeKind.Array)
        {
            var element = u.Target!;
            long es = element.Size;
            long count = es > 0 ? size / es : 0;
            int start = t.Get(LuaValue.FromNumber(0)).IsNil ? 1 : 0;
            long n = 0;
            for (; ; n++)
            {
                var v = t.Get(LuaValue.FromNumber(n + start));
                if (v.IsNil) break;
                if (n >= count) throw TooMany(u);
                CConvert.Write(element, p + (nint)(n * es), v);
            }
            if (n == 1)
                for (long i = 1; i < count; i++) CMemory.Bytes(p, es).CopyTo(CMemory.Bytes(p + (nint)(i * es), es));
            return;
        }
        if (u.Kind == CTypeKind.Complex)
        {
            // {re, im}, from [1] (or [0] when it is set), as an array of two parts.
            int first = t.Get(LuaValue.FromNumber(0)).IsNil ? 1 : 0;
            var re = t.Get(LuaValue.FromNumber(first));
            var im = t.Get(LuaValue.FromNumber(first + 1));
            if (!t.Get(LuaValue.FromNumber(first + 2)).IsNil) throw TooMany(u);
            CConvert.WriteComplex(u, p, re.IsNil ? 0 : CConvert.ToDouble(re, u.Target!), im.IsNil ? 0 : CConvert.ToDouble(im, u.Target!));
            return;
        }
        if (u.IsRecord)
        {
            int index = t.Get(LuaValue.FromNumber(0)).IsNil ? 1 : 0;
            foreach (var f in InitFields(u))
            {
                LuaValue v = LuaValue.Nil;
                if (index >= 0)
                {
                    v = t.Get(LuaValue.FromNumber(index));
                    if (v.IsNil) index = -1;
                    else index++;
                }
                if (index < 0 && f.Name is not null) v = t.Get(LuaString.FromLatin1(f.Name));
                if (!v.IsNil) WriteField(f, p, v, size);
                if (u.Kind == CTypeKind.Union && !v.IsNil) break;
            }
            return;
        }
        throw CConvert.ConvertError(t, u);
    }

    /// <summary>The members an initializer fills: a union only its first; unnamed records are descended into.</summary>
    private static List<CField> InitFields(CType u)
    {
        var list = new List<CField>();
        foreach (var f in u.Fields ?? new List<CField>())
        {
            if (f.Name is null && f.Type.IsRecord)
            {
                foreach (var inner in InitFields(f.Type))
                    list.Add(new CField { Name = inner.Name, Type = inner.Type, Offset = f.Offset + inner.Offset, BitOffset = inner.BitOffset, BitWidth = inner.BitWidth });
            }
            else if (f.Name is not null) list.Add(f);
            if (u.Kind == CTypeKind.Union && list.Count > 0) break;
        }
        return list;
    }

    /// <param name="size">The whole object's size: a trailing variable-length member (a VLS's
    /// <c>[?]</c>, or <c>[]</c>) is initialized over the bytes the object has after its offset.</param>
    private static void WriteField(CField f, nint p, in LuaValue v, long size)
    {
        var ft = f.Type.Unqualified;
        if (ft.Kind == CTypeKind.Array && (ft.IsVariable || ft.Size <= 0))
        {
            long available = size - f.Offset;
            nint at = p + (nint)f.Offset;
            if (v.Ref is LuaTable tbl) FromTable(ft, at, tbl, Math.Max(available, 0));
            else if (v.Ref is LuaString str && ft.Target!.Size == 1 && ft.Target.IsInteger)
            {
                long n = Math.Min(str.Length, Math.Max(available, 0));
                str.Span[..(int)n].CopyTo(CMemory.Bytes(at, n));
            }
            else throw CConvert.ConvertError(v, f.Type);
            return;
        }
        CConvert.Write(f.Type, p + (nint)f.Offset, v, bitField: f.IsBitField ? f : null);
    }

    private static CDeclException TooMany(CType t) => new($"too many initializers for '{CTypeFormatter.Format(t)}'");
}
