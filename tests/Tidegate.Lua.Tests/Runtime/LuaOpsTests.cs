namespace Tidegate.Lua.Tests.Runtime;

/// <summary>Operator semantics and messages; every expectation was checked on luajit (see comments).</summary>
public class LuaOpsTests
{
    private readonly LuaState _state = new();
    private LuaThread T => _state.MainThread;
    private static LuaValue N(double d) => LuaValue.FromNumber(d);
    private static LuaValue S(string s) => LuaString.FromLatin1(s);

    private static string Error(Action a)
    {
        var e = Assert.Throws<LuaException>(a);
        return e.Value.AsString!.ToString();
    }

    private static LuaValue Fn(HostFunctionBody body) => new HostFunction("f", body);

    private LuaTable WithMeta(string ev, LuaValue handler)
    {
        var mt = new LuaTable();
        mt.Set(ev, handler);
        return new LuaTable { Metatable = mt };
    }

    [Theory]
    [InlineData(ArithOp.Add, 7, 2, 9)]
    [InlineData(ArithOp.Sub, 7, 2, 5)]
    [InlineData(ArithOp.Mul, 7, 2, 14)]
    [InlineData(ArithOp.Div, 7, 2, 3.5)]
    [InlineData(ArithOp.Mod, 5, -3, -1)]    // luajit: 5 % -3 --> -1
    [InlineData(ArithOp.Mod, -5, 3, 1)]
    [InlineData(ArithOp.Mod, 5.5, 2, 1.5)]
    [InlineData(ArithOp.Pow, 2, 10, 1024)]
    public void Arithmetic_on_numbers(ArithOp op, double a, double b, double expected) =>
        Assert.Equal(expected, LuaOps.Arith(T, op, N(a), N(b)).Number);

    [Fact]
    public void Modulo_by_zero_and_infinity_is_nan()
    {
        // luajit: print(5 % 0, -5 % 0, 5 % math.huge) --> nan nan nan
        Assert.True(double.IsNaN(LuaOps.Modulo(5, 0)));
        Assert.True(double.IsNaN(LuaOps.Modulo(5, double.PositiveInfinity)));
    }

    [Fact]
    public void Strings_coerce_in_arithmetic()
    {
        // luajit: print("10" + 1, "0x10" + 0, "1e1" * "2", -" 0x10 ", "0b11" + 0) --> 11 16 20 -16 3
        Assert.Equal(11, LuaOps.Arith(T, ArithOp.Add, S("10"), N(1)).Number);
        Assert.Equal(16, LuaOps.Arith(T, ArithOp.Add, S("0x10"), N(0)).Number);
        Assert.Equal(20, LuaOps.Arith(T, ArithOp.Mul, S("1e1"), S("2")).Number);
        Assert.Equal(-16, LuaOps.Negate(T, S(" 0x10 ")).Number);
        Assert.Equal(3, LuaOps.Arith(T, ArithOp.Add, S("0b11"), N(0)).Number);
    }

    [Fact]
    public void Arithmetic_errors_name_the_left_operand_first()
    {
        // luajit: x + y (both nil) names x; {} + x says "a table value"; x + {} names x; 1 + "a" says string
        Assert.EndsWith("attempt to perform arithmetic on local 'x' (a nil value)",
            Error(() => LuaOps.Arith(T, ArithOp.Add, LuaValue.Nil, LuaValue.Nil, "local 'x'", "local 'y'")));
        Assert.EndsWith("attempt to perform arithmetic on a table value",
            Error(() => LuaOps.Arith(T, ArithOp.Add, new LuaTable(), LuaValue.Nil, null, "local 'x'")));
        Assert.EndsWith("attempt to perform arithmetic on upvalue 'x' (a nil value)",
            Error(() => LuaOps.Arith(T, ArithOp.Add, N(1), LuaValue.Nil, null, "upvalue 'x'")));
        Assert.EndsWith("attempt to perform arithmetic on a string value",
            Error(() => LuaOps.Arith(T, ArithOp.Add, N(1), S("a"))));
        Assert.EndsWith("attempt to perform arithmetic on a boolean value",
            Error(() => LuaOps.Arith(T, ArithOp.Pow, true, N(1))));
        Assert.EndsWith("attempt to perform arithmetic on global 'print' (a function value)",
            Error(() => LuaOps.Negate(T, Fn(c => 0), "global 'print'")));
    }

    [Fact]
    public void Arithmetic_metamethods_come_from_either_operand()
    {
        var add = Fn(c => c.Return(S(c[0].TypeName + "+" + c[1].TypeName)));
        var o = WithMeta("__add", add);
        Assert.Equal("table+number", LuaOps.Arith(T, ArithOp.Add, o, N(1)).AsString!.ToString());
        Assert.Equal("number+table", LuaOps.Arith(T, ArithOp.Add, N(1), o).AsString!.ToString());
        // luajit: -setmetatable({}, {__unm = function(a, b) return type(a) .. type(b) end}) --> tabletable
        var unm = WithMeta("__unm", Fn(c => c.Return(S(c[0].TypeName + c[1].TypeName))));
        Assert.Equal("tabletable", LuaOps.Negate(T, unm).AsString!.ToString());
    }

    [Fact]
    public void Concat_joins_strings_and_numbers()
    {
        // luajit: print(1e15 .. "", 12 .. "", -0.0 .. "") --> 1e+15 12 -0
        Assert.Equal("1e+15", LuaOps.Concat(T, N(1e15), S("")).AsString!.ToString());
        Assert.Equal("12x", LuaOps.Concat(T, N(12), S("x")).AsString!.ToString());
        Assert.Equal("-0", LuaOps.Concat(T, N(-0.0), S("")).AsString!.ToString());
        Assert.Equal("a1.5b2", LuaOps.ConcatMany(T, new[] { S("a"), N(1.5), S("b"), N(2) }).AsString!.ToString());
    }

    [Fact]
    public void Concat_keeps_every_byte()
    {
        var all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte)i;
        var r = LuaOps.ConcatMany(T, new LuaValue[] { new LuaString(all), new LuaString(all) }).AsString!;
        Assert.Equal(512, r.Length);
        Assert.Equal(255, r[255]);
        Assert.Equal(0, r[256]);
    }

    [Fact]
    public void Concat_errors_name_the_left_operand_first()
    {
        // luajit: x .. y (both nil) names x; "a" .. x names x; {} .. "a" says "a table value"
        Assert.EndsWith("attempt to concatenate upvalue 'x' (a nil value)",
            Error(() => LuaOps.Concat(T, LuaValue.Nil, LuaValue.Nil, "upvalue 'x'", "upvalue 'y'")));
        Assert.EndsWith("attempt to concatenate local 'x' (a nil value)",
            Error(() => LuaOps.Concat(T, S("a"), LuaValue.Nil, null, "local 'x'")));
        Assert.EndsWith("attempt to concatenate a table value", Error(() => LuaOps.Concat(T, new LuaTable(), S("a"))));
        Assert.EndsWith("attempt to concatenate a boolean value", Error(() => LuaOps.Concat(T, S("a"), false)));
        // luajit: x .. "a" .. y --> names y: the chain is evaluated from the right
        Assert.EndsWith("attempt to concatenate upvalue 'y' (a nil value)",
            Error(() => LuaOps.ConcatMany(T, new[] { LuaValue.Nil, S("a"), LuaValue.Nil }, new[] { "upvalue 'x'", null, "upvalue 'y'" })));
    }

    [Fact]
    public void Concat_chains_apply_metamethods_from_the_right()
    {
        var cat = Fn(c => c.Return(S("C(" + c[0].TypeName + "," + c[1].TypeName + ")")));
        var o = WithMeta("__concat", cat);
        // luajit: "a" .. o .. "b" .. "c" --> aC(table,string)
        Assert.Equal("aC(table,string)", LuaOps.ConcatMany(T, new[] { S("a"), o, S("b"), S("c") }).AsString!.ToString());
        // luajit: 1 .. 2 .. o --> 1C(number,table): the number reaches __concat as a number
        Assert.Equal("1C(number,table)", LuaOps.ConcatMany(T, new[] { N(1), N(2), o }).AsString!.ToString());
        // luajit: o .. 1 .. 2 --> C(table,string)
        Assert.Equal("C(table,string)", LuaOps.ConcatMany(T, new[] { o, N(1), N(2) }).AsString!.ToString());
    }

    [Fact]
    public void Comparison_errors_match_luajit()
    {
        Assert.EndsWith("attempt to compare number with nil", Error(() => LuaOps.LessThan(T, N(1), LuaValue.Nil)));
        Assert.EndsWith("attempt to compare nil with number", Error(() => LuaOps.LessThan(T, LuaValue.Nil, N(1))));
        Assert.EndsWith("attempt to compare two table values", Error(() => LuaOps.LessThan(T, new LuaTable(), new LuaTable())));
        Assert.EndsWith("attempt to compare two table values", Error(() => LuaOps.LessEqual(T, new LuaTable(), new LuaTable())));
        Assert.EndsWith("attempt to compare string with number", Error(() => LuaOps.LessThan(T, S("a"), N(1))));
        Assert.EndsWith("attempt to compare number with string", Error(() => LuaOps.LessEqual(T, N(1), S("a"))));
        Assert.EndsWith("attempt to compare two boolean values", Error(() => LuaOps.LessThan(T, true, true)));
        Assert.EndsWith("attempt to compare table with number", Error(() => LuaOps.LessThan(T, WithMeta("__lt", Fn(c => 0)), N(1))));
    }

    [Fact]
    public void Strings_compare_bytewise()
    {
        Assert.True(LuaOps.LessThan(T, S("a"), S("b")));
        Assert.True(LuaOps.LessThan(T, S("a"), S("a\0")));
        Assert.True(LuaOps.LessThan(T, S("Z"), S("a")));
        Assert.True(LuaOps.LessThan(T, new LuaString(new byte[] { 0x7f }), new LuaString(new byte[] { 0x80 })));
        Assert.True(LuaOps.LessEqual(T, S("a"), S("a")));
        Assert.False(LuaOps.LessThan(T, N(double.NaN), N(1)));
        Assert.False(LuaOps.LessEqual(T, N(double.NaN), N(double.NaN)));
    }

    [Fact]
    public void Le_falls_back_to_not_lt_swapped()
    {
        // luajit: with only __lt = function() return 1 end: a < b --> true, a <= b --> false
        var lt = Fn(c => c.Return(N(1)));
        var mt = new LuaTable();
        mt.Set("__lt", lt);
        var a = new LuaTable { Metatable = mt };
        var b = new LuaTable { Metatable = mt };
        Assert.True(LuaOps.LessThan(T, a, b));
        Assert.False(LuaOps.LessEqual(T, a, b));
        // different handlers: an error, as luajit
        var c2 = WithMeta("__lt", Fn(c => 0));
        Assert.EndsWith("attempt to compare two table values", Error(() => LuaOps.LessThan(T, a, c2)));
    }

    [Fact]
    public void Eq_needs_the_same_handler_on_both_tables()
    {
        // luajit: distinct __eq closures --> false; the same function --> true (and ~= false)
        var e = Fn(c => c.Return(N(1)));
        Assert.False(LuaOps.Equal(T, WithMeta("__eq", Fn(c => c.Return(N(1)))), WithMeta("__eq", Fn(c => c.Return(N(1))))));
        Assert.True(LuaOps.Equal(T, WithMeta("__eq", e), WithMeta("__eq", e)));
        Assert.False(LuaOps.Equal(T, WithMeta("__eq", e), N(1)));
        Assert.True(LuaOps.Equal(T, S("ab"), LuaString.FromLatin1("ab")));
        Assert.False(LuaOps.Equal(T, N(double.NaN), N(double.NaN)));
        Assert.True(LuaOps.Equal(T, N(0), N(-0.0)));
        Assert.False(LuaOps.Equal(T, S("1"), N(1)));
    }

    [Fact]
    public void Length_uses_len_only_for_non_tables()
    {
        // luajit: #setmetatable({1,2}, {__len = ...}) --> 2; a userdata's __len is used
        var t = WithMeta("__len", Fn(c => c.Return(N(9))));
        t.Set(1, N(1)); t.Set(2, N(2));
        Assert.Equal(2, LuaOps.Length(T, t).Number);
        var mt = new LuaTable();
        mt.Set("__len", Fn(c => c.Return(N(7))));
        Assert.Equal(7, LuaOps.Length(T, new LuaUserdata(null, mt)).Number);
        Assert.Equal(3, LuaOps.Length(T, S("abc")).Number);
        Assert.EndsWith("attempt to get length of a userdata value", Error(() => LuaOps.Length(T, new LuaUserdata())));
        Assert.EndsWith("attempt to get length of upvalue 'x' (a nil value)", Error(() => LuaOps.Length(T, LuaValue.Nil, "upvalue 'x'")));
        Assert.EndsWith("attempt to get length of a number value", Error(() => LuaOps.Length(T, N(5))));
    }

    [Fact]
    public void Index_follows_chains_and_reports_loops()
    {
        var baseT = new LuaTable();
        baseT.Set("x", N(1));
        var mid = WithMeta("__index", baseT);
        var top = WithMeta("__index", mid);
        Assert.Equal(1, LuaOps.Index(T, top, S("x")).Number);
        Assert.True(LuaOps.Index(T, top, S("y")).IsNil);
        // luajit: setmetatable({}, {__index = function(t, k) return k .. "!" end}).foo --> foo!
        var f = WithMeta("__index", Fn(c => c.Return(S(c[1].AsString + "!"))));
        Assert.Equal("foo!", LuaOps.Index(T, f, S("foo")).AsString!.ToString());
        // luajit: a.__index = a; setmetatable(a, a); a.zz --> loop in gettable
        var a = new LuaTable();
        a.Set("__index", a);
        a.Metatable = a;
        Assert.EndsWith("loop in gettable", Error(() => LuaOps.Index(T, a, S("zz"))));
        var b = new LuaTable();
        b.Set("__newindex", b);
        b.Metatable = b;
        Assert.EndsWith("loop in settable", Error(() => LuaOps.SetIndex(T, b, S("zz"), N(1))));
    }

    [Fact]
    public void Index_errors_match_luajit()
    {
        Assert.EndsWith("attempt to index global 'cfg' (a nil value)", Error(() => LuaOps.Index(T, LuaValue.Nil, S("y"), "global 'cfg'")));
        Assert.EndsWith("attempt to index local 'a' (a number value)", Error(() => LuaOps.Index(T, N(5), S("y"), "local 'a'")));
        Assert.EndsWith("attempt to index field 'b' (a nil value)", Error(() => LuaOps.SetIndex(T, LuaValue.Nil, S("c"), N(1), "field 'b'")));
        // luajit: setmetatable({}, {__index = 5}).x --> attempt to index a number value
        Assert.EndsWith("attempt to index a number value", Error(() => LuaOps.Index(T, WithMeta("__index", N(5)), S("x"), "local 'a'")));
        Assert.EndsWith("table index is nil", Error(() => LuaOps.SetIndex(T, new LuaTable(), LuaValue.Nil, N(1))));
        Assert.EndsWith("table index is NaN", Error(() => LuaOps.SetIndex(T, new LuaTable(), N(double.NaN), N(1))));
        // reading t[nil] is just nil
        Assert.True(LuaOps.Index(T, new LuaTable(), LuaValue.Nil).IsNil);
    }

    [Fact]
    public void Newindex_runs_only_for_absent_keys()
    {
        var log = new List<string>();
        var t = WithMeta("__newindex", Fn(c => { log.Add(c[1].ToString() + "=" + c[2].ToString()); return 0; }));
        t.Set("present", N(1));
        LuaOps.SetIndex(T, t, S("present"), N(2));
        LuaOps.SetIndex(T, t, S("absent"), N(3));
        // luajit: a[nil] = 1 with a __newindex function calls it with a nil key
        LuaOps.SetIndex(T, t, LuaValue.Nil, N(4));
        Assert.Equal(new[] { "absent=3", "nil=4" }, log);
        Assert.Equal(2, t.Get((LuaValue)S("present")).Number);
        Assert.True(t.Get((LuaValue)S("absent")).IsNil);
        // __newindex as a table: stored there
        var store = new LuaTable();
        var proxy = WithMeta("__newindex", store);
        LuaOps.SetIndex(T, proxy, S("k"), N(5));
        Assert.Equal(5, store.Get((LuaValue)S("k")).Number);
    }

    [Fact]
    public void Strings_index_through_the_string_metatable()
    {
        var strlib = new LuaTable();
        strlib.Set("len", N(42));
        var mt = new LuaTable();
        mt.Set("__index", strlib);
        _state.StringMetatable = mt;
        Assert.Equal(42, LuaOps.Index(T, S("x"), S("len")).Number);
        Assert.True(LuaOps.Index(T, S("x"), S("y")).IsNil);
    }

    [Fact]
    public void ToString_matches_luajit_forms()
    {
        Assert.Equal("nil", LuaOps.ToStringMeta(T, LuaValue.Nil).ToString());
        Assert.Equal("true", LuaOps.ToStringMeta(T, true).ToString());
        Assert.Equal("1e+15", LuaOps.ToStringMeta(T, N(1e15)).ToString());
        Assert.Matches("^table: 0x[0-9a-f]{8,}$", LuaOps.ToStringMeta(T, new LuaTable()).ToString());
        Assert.Matches("^function: builtin#[0-9]+$", LuaOps.ToStringMeta(T, Fn(c => 0)).ToString());
        Assert.Matches("^userdata: 0x[0-9a-f]{8,}$", LuaOps.ToStringMeta(T, new LuaUserdata()).ToString());
        var t = new LuaTable();
        Assert.Equal(LuaOps.ToStringMeta(T, t).ToString(), LuaOps.ToStringMeta(T, t).ToString());
        Assert.NotEqual(LuaOps.ToStringMeta(T, t).ToString(), LuaOps.ToStringMeta(T, new LuaTable()).ToString());
        // luajit: __tostring returning 1 --> tostring gives 1 (the value as it is)
        var one = WithMeta("__tostring", Fn(c => c.Return(N(1))));
        Assert.Equal(1, LuaOps.ToStringValue(T, one).Number);
        Assert.Equal("1", LuaOps.ToStringMeta(T, one).ToString());
        var named = WithMeta("__tostring", Fn(c => c.Return(S("obj"))));
        Assert.Equal("obj", LuaOps.ToStringMeta(T, named).ToString());
    }
}
