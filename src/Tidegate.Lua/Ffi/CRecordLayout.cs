namespace Tidegate.Lua.Ffi;

/// <summary>
/// Lays out struct and union members as GCC does on x64 Linux (the SysV ABI): each member at the next
/// offset aligned to its alignment (capped by <c>#pragma pack</c>/packed), bit-fields packed into the
/// current storage unit of their declared type while they fit, a zero-width bit-field closing the unit,
/// the record's size rounded up to its alignment. A trailing <c>[?]</c> or <c>[]</c> array makes the
/// record variable-length: its fixed part is the size up to that member.
/// </summary>
public static class CRecordLayout
{
    /// <param name="pack">The #pragma pack value in force (0: none).</param>
    /// <param name="packed">__attribute__((packed)) on the record.</param>
    /// <param name="minAlign">__attribute__((aligned(n))) on the record (0: none).</param>
    public static void Layout(CType record, List<CField> fields, int pack, bool packed, int minAlign)
    {
        bool union = record.Kind == CTypeKind.Union;
        long bitPos = 0; // the next free bit, from the record's start
        long size = 0;
        int align = 1;
        foreach (var f in fields)
        {
            var t = f.Type;
            if (t.Size < 0 && !(t.Kind == CTypeKind.Array && (t.IsVariable || t.Length == 0)))
                throw new CDeclException("size of C type is unknown or too large");
            int fieldAlign = Math.Max(t.Align, f.ExplicitAlign);
            if (packed && f.ExplicitAlign == 0) fieldAlign = 1;
            if (pack > 0 && fieldAlign > pack) fieldAlign = pack;
            if (union) bitPos = 0;

            if (f.BitWidth >= 0 && f.BitOffset == -2)
            {
                // A bit-field: the unit is the declared type's size.
                long unitBits = t.Size * 8;
                if (f.BitWidth == 0)
                {
                    // A zero-width bit-field pads to the next unit boundary of its type.
                    bitPos = AlignUp(bitPos, t.Align * 8L);
                    f.Offset = bitPos / 8;
                    f.BitOffset = 0;
                    continue;
                }
                long unitAlignBits = fieldAlign * 8L;
                // GCC moves a bit-field to the next aligned unit only when it would straddle one.
                if (!packed && bitPos % unitAlignBits + f.BitWidth > unitBits)
                    bitPos = AlignUp(bitPos, unitAlignBits);
                long unitStart = packed ? bitPos / 8 * 8 : bitPos / unitAlignBits * unitAlignBits;
                f.Offset = unitStart / 8;
                f.BitOffset = (int)(bitPos - unitStart);
                bitPos += f.BitWidth;
                align = Math.Max(align, fieldAlign);
                size = union ? Math.Max(size, (f.BitWidth + 7) / 8) : Math.Max(size, (bitPos + 7) / 8);
                continue;
            }

            f.BitOffset = -1;
            long offset = AlignUp((bitPos + 7) / 8, fieldAlign);
            f.Offset = offset;
            align = Math.Max(align, fieldAlign);
            if (t.Size < 0)
            {
                // The flexible/variable array at the end: the record's fixed part ends at its offset.
                record.IsVariable = t.IsVariable || record.IsVariable;
                bitPos = offset * 8;
                size = Math.Max(size, offset);
                continue;
            }
            bitPos = (offset + t.Size) * 8;
            size = union ? Math.Max(size, t.Size) : Math.Max(size, offset + t.Size);
        }
        align = Math.Max(align, minAlign);
        record.Fields = fields;
        record.Align = align;
        record.Size = AlignUp(size, align);
        record.IsComplete = true;
    }

    public static long AlignUp(long x, long a) => (x + a - 1) / a * a;
}
