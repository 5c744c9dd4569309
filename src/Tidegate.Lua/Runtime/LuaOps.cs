using System.Buffers;
using System.Runtime.CompilerServices;
using Tidegate.Lua.Ffi;

namespace Tidegate.Lua.Runtime;

/// <summary>
/// The operators with Lua's full semantics: coercions, metamethods, and LuaJIT's error messages.
/// Compiled code calls these on its slow paths (its fast paths handle plain numbers and plain tables
/// inline). Every method that may raise takes the running thread; <c>name</c>, when given, describes the
/// operand for messages ("global 'cfg'", "local 'x'", "field 'y'", "upvalue 'z'", "method 'm'").
/// Errors are raised with <see cref="LuaThread.RuntimeError"/>, so they get the position prefix.
/// Metamethods are called with <see cref="LuaThread.Call"/>.
/// </summary>
public static class LuaOps
{
    /// <summary>LuaJIT's LJ_MAX_IDXCHAIN: how many __index/__newindex hops before "loop in gettable".</summary>
    public const int MaxIndexChain = 100;

    // ---- arithmetic ----

    /// <summary>Arithmetic: + - * / % ^ with string coercion and __add.. metamethods.
    /// "attempt to perform arithmetic on local 'x' (a nil value)".</summary>
    public static LuaValue Arith(LuaThread thread, ArithOp op, in LuaValue a, in LuaValue b, string? nameA = null, string? nameB = null)
    {
        if (a.Ref is CData || b.Ref is CData) return CDataOps.Arith(thread, op, a, b);
        if (TryToNumber(a, out double x) && TryToNumber(b, out double y))
            return LuaValue.FromNumber(ArithNumbers(op, x, y));
        var e = MetaEventNames.ForArith(op);
        var handler = GetMetaMethod(thread.State, a, e);
        if (handler.IsNil) handler = GetMetaMethod(thread.State, b, e);
        if (!handler.IsNil) return thread.Call1(handler, a, b);
        // LuaJIT names the left operand when it is not a number, else the right one.
        bool leftBad = !TryToNumber(a, out _);
        throw thread.RuntimeError("attempt to perform arithmetic on " + (leftBad ? Describe(a, nameA) : Describe(b, nameB)));
    }

    /// <summary>The arithmetic operators on plain numbers, as Lua 5.1 defines them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ArithNumbers(ArithOp op, double x, double y) => op switch
    {
        ArithOp.Add => x + y,
        ArithOp.Sub => x - y,
        ArithOp.Mul => x * y,
        ArithOp.Div => x / y,
        ArithOp.Mod => Modulo(x, y),
        _ => Math.Pow(x, y),
    };

    /// <summary>Lua 5.1's %: a - floor(a/b)*b (so 5 % -3 == -1, and x % 0 is nan).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Modulo(double a, double b) => a - Math.Floor(a / b) * b;

    /// <summary>Unary minus with coercion and __unm (called with the operand twice, as LuaJIT does).</summary>
    public static LuaValue Negate(LuaThread thread, in LuaValue a, string? name = null)
    {
        if (a.Ref is CData) return CDataOps.Negate(thread, a);
        if (TryToNumber(a, out double x)) return LuaValue.FromNumber(-x);
        var handler = GetMetaMethod(thread.State, a, MetaEvent.Unm);
        if (!handler.IsNil) return thread.Call1(handler, a, a);
        throw thread.RuntimeError("attempt to perform arithmetic on " + Describe(a, name));
    }

    /// <summary>The # operator: strings, tables (border), __len only for other types (Lua 5.1 rules).
    /// "attempt to get length of global 'x' (a nil value)".</summary>
    public static LuaValue Length(LuaThread thread, in LuaValue a, string? name = null)
    {
        if (a.Ref is LuaString s) return LuaValue.FromNumber(s.Length);
        if (a.Ref is LuaTable t) return LuaValue.FromNumber(t.Length());
        if (a.Ref is CData c) return CDataOps.Length(thread, c);
        var handler = GetMetaMethod(thread.State, a, MetaEvent.Len);
        if (!handler.IsNil) return thread.Call1(handler, a);
        throw thread.RuntimeError("attempt to get length of " + Describe(a, name));
    }

    // ---- concatenation ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsStringOrNumber(in LuaValue v) => v.Ref is LuaString || v.IsNumber;

    /// <summary>a .. b with number coercion and __concat. "attempt to concatenate local 'x' (a table value)".</summary>
    public static LuaValue Concat(LuaThread thread, in LuaValue a, in LuaValue b, string? nameA = null, string? nameB = null)
    {
        if (IsStringOrNumber(a) && IsStringOrNumber(b))
        {
            var sa = a.Ref as LuaString ?? LuaNumber.ToLuaString(a.Number);
            var sb = b.Ref as LuaString ?? LuaNumber.ToLuaString(b.Number);
            return LuaString.Concat(sa, sb);
        }
        return ConcatPair(thread, a, b, nameA, nameB);
    }

    private static LuaValue ConcatPair(LuaThread thread, in LuaValue a, in LuaValue b, string? nameA, string? nameB)
    {
        if (a.Ref is CData || b.Ref is CData) return CDataOps.Concat(thread, a, b);
        var handler = GetMetaMethod(thread.State, a, MetaEvent.Concat);
        if (handler.IsNil) handler = GetMetaMethod(thread.State, b, MetaEvent.Concat);
        if (!handler.IsNil) return thread.Call1(handler, a, b);
        bool leftBad = !IsStringOrNumber(a);
        throw thread.RuntimeError("attempt to concatenate " + (leftBad ? Describe(a, nameA) : Describe(b, nameB)));
    }

    /// <summary>
    /// a .. b .. c ... over <c>values</c> (right associative, as Lua evaluates a chain): plain strings and
    /// numbers are joined in one allocation; __concat is applied pairwise from the right where needed.
    /// </summary>
    public static LuaValue ConcatMany(LuaThread thread, ReadOnlySpan<LuaValue> values) => ConcatMany(thread, values, default);

    /// <summary>
    /// <see cref="ConcatMany(LuaThread, ReadOnlySpan{LuaValue})"/> with a name per operand for the error
    /// message (<paramref name="names"/> may be empty, or hold null for unnamed operands).
    /// </summary>
    public static LuaValue ConcatMany(LuaThread thread, ReadOnlySpan<LuaValue> values, ReadOnlySpan<string?> names)
    {
        if (values.Length == 0) return LuaString.Empty;
        if (values.Length == 1) return values[0];
        // The usual concatenation, two strings (`w .. "?"`, `prefix .. name`): one allocation, no scan.
        if (values.Length == 2 && values[0].Ref is LuaString a && values[1].Ref is LuaString b)
        {
            // A short join of two strings made before from the same two objects is remembered (ConcatPairCache).
            if (ConcatPairCache.Covers(a, b)) return ConcatPairCache.Of(thread.State).Concat(a, b);
            return LuaString.Concat(a, b);
        }
        bool plain = true;
        foreach (ref readonly var v in values)
            if (!IsStringOrNumber(v)) { plain = false; break; }
        if (plain) return JoinPlain(values);

        // Lua 5.1's luaV_concat: work from the right; join the longest run of strings/numbers that ends at
        // the top, or apply __concat to the top two values when one of them is neither.
        var work = values.ToArray();
        int top = work.Length - 1;
        while (top > 0)
        {
            if (IsStringOrNumber(work[top - 1]) && IsStringOrNumber(work[top]))
            {
                int start = top - 1;
                while (start > 0 && IsStringOrNumber(work[start - 1])) start--;
                work[start] = JoinPlain(work.AsSpan(start, top - start + 1));
                top = start;
            }
            else
            {
                string? nameA = top - 1 < names.Length ? names[top - 1] : null;
                string? nameB = top < names.Length ? names[top] : null;
                work[top - 1] = ConcatPair(thread, work[top - 1], work[top], nameA, nameB);
                top--;
            }
        }
        return work[0];
    }

    /// <summary>Joins strings and numbers (numbers as tostring prints them) into one new string.</summary>
    [SkipLocalsInit]
    private static LuaString JoinPlain(ReadOnlySpan<LuaValue> values)
    {
        long total = 0;
        bool allStrings = true;
        foreach (ref readonly var v in values)
        {
            if (v.Ref is LuaString s) total += s.Length;
            else { allStrings = false; break; }
        }
        if (!allStrings) return JoinWithNumbers(values);
        if (total > Array.MaxLength) throw new LuaException("not enough memory");
        if (total == 0) return LuaString.Empty;
        // A short result is joined in scratch and shared (StringInterner.InternResult); a long one is built in place.
        bool shortResult = total <= StringInterner.MaxInternedLength;
        Span<byte> scratch = stackalloc byte[StringInterner.MaxInternedLength];
        byte[]? bytes = shortResult ? null : new byte[total];
        var into = shortResult ? scratch : bytes.AsSpan();
        foreach (ref readonly var v in values)
        {
            var from = Unsafe.As<LuaString>(v.Ref!).Span;
            from.CopyTo(into);
            into = into[from.Length..];
        }
        return shortResult ? StringInterner.InternResult(scratch[..(int)total]) : new LuaString(bytes!);
    }

    /// <summary><see cref="JoinPlain"/> when some operands are numbers, each formatted as tostring does.</summary>
    [SkipLocalsInit]
    private static LuaString JoinWithNumbers(ReadOnlySpan<LuaValue> values)
    {
        // A result that fits in stack scratch (`"item" .. i`, a request head) is joined in one pass, each
        // number formatted once; a longer one takes the two passes below (lengths, then bytes), which
        // format every number twice.
        Span<byte> joined = stackalloc byte[OnePassJoinLength];
        int at = 0;
        foreach (ref readonly var v in values)
        {
            if (v.Ref is LuaString s)
            {
                if (s.Length > joined.Length - at) return JoinWithNumbersTwoPasses(values);
                s.Span.CopyTo(joined[at..]);
                at += s.Length;
            }
            else
            {
                if (joined.Length - at < LuaNumber.MaxFormattedLength) return JoinWithNumbersTwoPasses(values);
                at += LuaNumber.Format(v.Number, joined[at..]);
            }
        }
        if (at == 0) return LuaString.Empty;
        return at <= StringInterner.MaxInternedLength ? StringInterner.InternResult(joined[..at]) : new LuaString(joined[..at].ToArray());
    }

    private const int OnePassJoinLength = 256;

    private static LuaString JoinWithNumbersTwoPasses(ReadOnlySpan<LuaValue> values)
    {
        Span<byte> scratch = stackalloc byte[LuaNumber.MaxFormattedLength];
        long total = 0;
        foreach (ref readonly var v in values)
            total += v.Ref is LuaString s ? s.Length : LuaNumber.Format(v.Number, scratch);
        if (total > Array.MaxLength) throw new LuaException("not enough memory");
        if (total == 0) return LuaString.Empty;
        // As JoinPlain: a short result is joined in scratch and shared.
        bool shortResult = total <= StringInterner.MaxInternedLength;
        Span<byte> joined = stackalloc byte[StringInterner.MaxInternedLength];
        byte[]? bytes = shortResult ? null : new byte[total];
        var into = shortResult ? joined : bytes.AsSpan();
        int pos = 0;
        foreach (ref readonly var v in values)
        {
            if (v.Ref is LuaString s)
            {
                s.Span.CopyTo(into[pos..]);
                pos += s.Length;
            }
            else
            {
                int n = LuaNumber.Format(v.Number, scratch);
                scratch[..n].CopyTo(into[pos..]);
                pos += n;
            }
        }
        return shortResult ? StringInterner.InternResult(joined[..(int)total]) : new LuaString(bytes!);
    }

    // ---- comparison ----

    /// <summary>== with __eq (only between two tables or two userdata with the same handler, as 5.1).</summary>
    public static bool Equal(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        if (ReferenceEquals(a.Ref, b.Ref))
            return !a.IsNumber || a.Number == b.Number;
        // cdata first: an enum cdata equals the string naming its constant.
        if (a.Ref is CData || b.Ref is CData) return CDataOps.Equal(thread, a, b);
        if (a.Ref is LuaString sa) return b.Ref is LuaString sb && sa.Equals(sb);
        LuaTable? mtA, mtB;
        if (a.Ref is LuaTable ta && b.Ref is LuaTable tb) { mtA = ta.Metatable; mtB = tb.Metatable; }
        else if (a.Ref is LuaUserdata ua && b.Ref is LuaUserdata ub) { mtA = ua.Metatable; mtB = ub.Metatable; }
        else return false;
        var handler = LuaTable.GetMetaMethod(mtA, MetaEvent.Eq);
        if (handler.IsNil) return false;
        if (!ReferenceEquals(mtA, mtB))
        {
            var other = LuaTable.GetMetaMethod(mtB, MetaEvent.Eq);
            if (!LuaValue.RawEquals(handler, other)) return false;
        }
        return thread.Call1(handler, a, b).IsTruthy;
    }

    /// <summary>&lt; on numbers, strings (byte-wise), or __lt. "attempt to compare number with nil".</summary>
    public static bool LessThan(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        if (a.IsNumber && b.IsNumber) return a.Number < b.Number;
        if (a.Ref is LuaString sa && b.Ref is LuaString sb) return sa.CompareTo(sb) < 0;
        if (a.Ref is CData || b.Ref is CData) return CDataOps.LessThan(thread, a, b);
        if (TryCompareMeta(thread, a, b, MetaEvent.Lt, out bool result)) return result;
        throw CompareError(thread, a, b);
    }

    /// <summary>&lt;= on numbers, strings, __le, or not __lt(b, a) as 5.1 falls back.</summary>
    public static bool LessEqual(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        if (a.IsNumber && b.IsNumber) return a.Number <= b.Number;
        if (a.Ref is LuaString sa && b.Ref is LuaString sb) return sa.CompareTo(sb) <= 0;
        if (a.Ref is CData || b.Ref is CData) return CDataOps.LessEqual(thread, a, b);
        if (TryCompareMeta(thread, a, b, MetaEvent.Le, out bool result)) return result;
        if (TryCompareMeta(thread, b, a, MetaEvent.Lt, out result)) return !result;
        throw CompareError(thread, a, b);
    }

    /// <summary>
    /// Calls the comparison metamethod when both operands have the same type (numbers and strings
    /// excepted) and the same handler for <paramref name="e"/>, as Lua 5.1 requires.
    /// </summary>
    private static bool TryCompareMeta(LuaThread thread, in LuaValue a, in LuaValue b, MetaEvent e, out bool result)
    {
        result = false;
        if (a.Type != b.Type || a.IsNumber || a.IsString) return false;
        var handler = GetMetaMethod(thread.State, a, e);
        if (handler.IsNil) return false;
        var other = GetMetaMethod(thread.State, b, e);
        if (!LuaValue.RawEquals(handler, other)) return false;
        result = thread.Call1(handler, a, b).IsTruthy;
        return true;
    }

    private static LuaException CompareError(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        string ta = a.TypeName, tb = b.TypeName;
        return thread.RuntimeError(ta == tb
            ? $"attempt to compare two {ta} values"
            : $"attempt to compare {ta} with {tb}");
    }

    // ---- indexing ----

    /// <summary>obj[key] with __index chains (tables and functions). "attempt to index field 'b' (a nil value)".</summary>
    public static LuaValue Index(LuaThread thread, in LuaValue obj, in LuaValue key, string? name = null)
    {
        // s:method(...) on a string: one lookup in the string library table when the string metatable's
        // __index is a table (as the standard library sets it) and has the key.
        if (obj.Ref is LuaString && key.Ref is LuaString methodName
            && LuaTable.GetIndexMetaMethod(thread.State.StringMetatable).Ref is LuaTable stringLibrary)
        {
            var method = stringLibrary.GetStr(methodName);
            if (!method.IsNil) return method;
        }
        if (obj.Ref is CData cd) return CDataOps.Index(thread, cd, key);
        LuaValue o = obj;
        for (int hop = 0; hop < MaxIndexChain; hop++)
        {
            LuaValue handler;
            if (o.Ref is LuaTable t)
            {
                var v = t.Get(key);
                if (!v.IsNil) return v;
                var mt = t.Metatable;
                if (LuaTable.HasNoMeta(mt, MetaEvent.Index)) return LuaValue.Nil;
                handler = LuaTable.GetIndexMetaMethod(mt);
                if (handler.IsNil) return LuaValue.Nil;
            }
            else
            {
                handler = GetMetaMethod(thread.State, o, MetaEvent.Index);
                if (handler.IsNil)
                    throw thread.RuntimeError("attempt to index " + Describe(o, hop == 0 ? name : null));
            }
            if (handler.Ref is LuaFunction) return thread.Call1(handler, o, key);
            o = handler;
        }
        throw thread.RuntimeError("loop in gettable");
    }

    /// <summary>obj[key] = value with __newindex chains; "table index is nil"/"is NaN" from the raw set.</summary>
    public static void SetIndex(LuaThread thread, in LuaValue obj, in LuaValue key, in LuaValue value, string? name = null)
    {
        // The common case, first: a string key on a table whose metatable is known to have no __newindex
        // (a field of an object with a class metatable, or a table indexed by a string variable). Measured
        // on bench/lua/scheduler, the general path below was a quarter of the run time.
        if (obj.Ref is LuaTable direct && key.Ref is LuaString stringKey && LuaTable.HasNoMeta(direct.Metatable, MetaEvent.NewIndex))
        {
            direct.SetStr(stringKey, value);
            return;
        }
        if (obj.Ref is CData cd)
        {
            CDataOps.SetIndex(thread, cd, key, value);
            return;
        }
        LuaValue o = obj;
        for (int hop = 0; hop < MaxIndexChain; hop++)
        {
            LuaValue handler;
            if (o.Ref is LuaTable t)
            {
                var mt = t.Metatable;
                if (LuaTable.HasNoMeta(mt, MetaEvent.NewIndex) || !t.Get(key).IsNil
                    || (handler = LuaTable.GetMetaMethod(mt, MetaEvent.NewIndex)).IsNil)
                {
                    RawSetChecked(thread, t, key, value);
                    return;
                }
            }
            else
            {
                handler = GetMetaMethod(thread.State, o, MetaEvent.NewIndex);
                if (handler.IsNil)
                    throw thread.RuntimeError("attempt to index " + Describe(o, hop == 0 ? name : null));
            }
            if (handler.Ref is LuaFunction)
            {
                Call3(thread, handler, o, key, value);
                return;
            }
            o = handler;
        }
        throw thread.RuntimeError("loop in settable");
    }

    /// <summary>A raw table store whose bad-key errors carry the position prefix, as the operator's do.</summary>
    private static void RawSetChecked(LuaThread thread, LuaTable t, in LuaValue key, in LuaValue value)
    {
        if (key.IsNil) throw thread.RuntimeError("table index is nil");
        if (key.IsNumber && double.IsNaN(key.Number)) throw thread.RuntimeError("table index is NaN");
        t.Set(key, value);
    }

    private static void Call3(LuaThread thread, in LuaValue function, in LuaValue a, in LuaValue b, in LuaValue c)
    {
        int argBase = thread.Top;
        thread.EnsureStack(argBase + 4);
        var stack = thread.Stack;
        stack[argBase] = a;
        stack[argBase + 1] = b;
        stack[argBase + 2] = c;
        thread.Call(function, argBase, 3);
    }

    // ---- metatables ----

    /// <summary>The metamethod <paramref name="eventName"/> of a value, or nil.</summary>
    public static LuaValue GetMetaMethod(LuaState state, in LuaValue v, LuaString eventName)
    {
        if (v.Ref is CData cd) return CDataOps.MetatableOf(cd) is { } cmt ? cmt.Get(eventName) : LuaValue.Nil;
        var mt = state.GetMetatable(v);
        return mt is null ? LuaValue.Nil : mt.Get(eventName);
    }

    /// <summary>The metamethod <paramref name="e"/> of a value, or nil, using the metatable's miss cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue GetMetaMethod(LuaState state, in LuaValue v, MetaEvent e)
    {
        if (v.Ref is CData cd) return CDataOps.MetatableOf(cd) is { } cmt ? cmt.Get(MetaEventNames.ByEvent[(int)e]) : LuaValue.Nil;
        var mt = v.Ref is LuaTable t ? t.Metatable : state.GetMetatable(v);
        return LuaTable.HasNoMeta(mt, e) ? LuaValue.Nil : LuaTable.GetMetaMethod(mt, e);
    }

    // ---- tostring ----

    private static readonly LuaString NilString = "nil", TrueString = "true", FalseString = "false", NullUserdataString = "userdata: NULL";

    /// <summary>tostring() as a string: __tostring, numbers as %.14g, "table: 0x...", "function: builtin#N"/
    /// "function: 0x...". A __tostring result that is not a string is shown as itself without metamethods,
    /// as LuaJIT's string.format("%s") does (print instead raises "'tostring' must return a string to
    /// 'print'": that check is the caller's).</summary>
    public static LuaString ToStringMeta(LuaThread thread, in LuaValue v)
    {
        var r = ToStringValue(thread, v);
        return r.Ref as LuaString ?? RawToString(r);
    }

    /// <summary>
    /// tostring() exactly as LuaJIT's: the __tostring result is returned as it is, whatever its type
    /// (LuaJIT does not check it); without __tostring, <see cref="RawToString"/>.
    /// </summary>
    public static LuaValue ToStringValue(LuaThread thread, in LuaValue v)
    {
        var handler = GetMetaMethod(thread.State, v, MetaEvent.ToString);
        if (!handler.IsNil) return thread.Call1(handler, v);
        return RawToString(v);
    }

    /// <summary>tostring() without metamethods.</summary>
    public static LuaString RawToString(in LuaValue v) => v.Ref switch
    {
        null => NilString,
        LuaString s => s,
        _ when BooleanTag.Is(v.Ref) => ReferenceEquals(v.Ref, BooleanTag.True) ? TrueString : FalseString,
        LuaTable t => LuaString.FromLatin1("table: " + ObjectIdentity.AddressOf(t)),
        HostFunction f => LuaString.FromLatin1("function: builtin#" + ObjectIdentity.IdOf(f)),
        LuaFunction f => LuaString.FromLatin1("function: " + ObjectIdentity.AddressOf(f)),
        LuaThread th => LuaString.FromLatin1("thread: " + ObjectIdentity.AddressOf(th)),
        CData cd => CDataOps.RawToString(cd),
        _ when v.IsNumber => LuaNumber.ToLuaString(v.Number),
        LuaUserdata u when ReferenceEquals(u, LuaUserdata.NullLightUserdata) => NullUserdataString,
        object o => LuaString.FromLatin1("userdata: " + ObjectIdentity.AddressOf(o)),
    };

    // ---- coercion and messages ----

    /// <summary>Number coercion for arithmetic (numbers, and strings that parse as numbers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryToNumber(in LuaValue v, out double d)
    {
        if (v.IsNumber) { d = v.Number; return true; }
        if (v.Ref is LuaString s) return LuaNumber.TryParse(s.Span, out d);
        d = 0;
        return false;
    }

    /// <summary>"local 'x' (a nil value)" when the operand has a name, else "a nil value".</summary>
    public static string Describe(in LuaValue v, string? name) =>
        name is null ? $"a {v.TypeName} value" : $"{name} (a {v.TypeName} value)";
}

/// <summary>The binary arithmetic operators, in Lua 5.1's metamethod order.</summary>
public enum ArithOp : byte { Add, Sub, Mul, Div, Mod, Pow }
