namespace Tidegate.Lua.Runtime;

/// <summary>One field of a table constructor, as the compiler sees it at compile time.</summary>
/// <param name="IsPositional">A positional item (<c>{a, b}</c>), rather than <c>name = v</c> or <c>[k] = v</c>.</param>
/// <param name="ConstantKey">For <c>name = v</c> and <c>[k] = v</c>: the key when it is a constant
/// (string, number, boolean), else nil. Ignored for positional items.</param>
/// <param name="ValueIsConstant">The value is a constant: nil, true, false, a number or a string.</param>
/// <param name="ConstantValue">That constant (nil included); ignored otherwise.</param>
public readonly record struct ConstructorField(bool IsPositional, LuaValue ConstantKey, bool ValueIsConstant, LuaValue ConstantValue);

/// <summary>
/// The sizes LuaJIT gives a table built by a constructor, so that <c>#</c> on a constructor with holes
/// (<c>#{1, nil, 3}</c> is 1 in LuaJIT, <c>#{nil, nil, 3}</c> is 3) agrees.
///
/// <para>LuaJIT's parser builds constant fields into a template table while it parses: the template is
/// created at the first constant field, sized for the positional items seen so far, and every constant
/// field is then stored in order (a nil one too: it still creates its key, which can trigger a rehash).
/// At the end the array part is grown, if needed, to hold every positional item. Without any constant
/// field the table is preallocated from the counts instead (at least 2 array slots when there are
/// positional items). This replays the same steps on a scratch table; the compiler runs it once per
/// constructor at compile time and preallocates with the result, and every positional store then lands
/// in the array part exactly where LuaJIT's would.</para>
/// </summary>
public static class TableConstructorLayout
{
    /// <summary>The array size (keys 1..n) and hash size to preallocate for a constructor.</summary>
    public static (int ArraySize, int HashSize) Compute(ReadOnlySpan<ConstructorField> fields)
    {
        int narr = 1;           // LuaJIT's next array index (its slot 0 is key 0)
        int nhash = 0;
        bool needArray = false;
        LuaTable? template = null;
        foreach (var f in fields)
        {
            LuaValue key;
            if (f.IsPositional)
            {
                key = LuaValue.FromNumber(narr);
                narr++;
                needArray = true;
            }
            else
            {
                key = f.ConstantKey;
                if (key.IsNumber && key.Number == 0) needArray = true;
                else nhash++;
            }
            bool constantKey = !key.IsNil && !(key.IsNumber && double.IsNaN(key.Number));
            if (!constantKey || !(key.IsString || f.ValueIsConstant)) continue;

            template ??= new LuaTable(needArray ? narr - 1 : 0, nhash);
            // A key is created even for a nil value; a placeholder then nil reproduces that (the key's
            // node stays, dead, as LuaJIT's nil-valued node does).
            var value = f.ValueIsConstant ? f.ConstantValue : LuaValue.True;
            template.Set(key, value.IsNil ? LuaValue.True : value);
            if (value.IsNil) template.Set(key, LuaValue.Nil);
        }

        if (template is null)
        {
            int arraySize = !needArray ? 0 : Math.Clamp(narr, 3, 0x7ff) - 1;
            return (arraySize, nhash);
        }
        int size = template.ArrayPart.Length;
        if (needArray && size < narr - 1) size = narr - 1;
        return (size, template.HashCapacity);
    }
}
