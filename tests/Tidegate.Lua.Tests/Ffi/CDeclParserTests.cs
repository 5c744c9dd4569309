using Tidegate.Lua.Ffi;

namespace Tidegate.Lua.Tests.Ffi;

/// <summary>The C declaration parser and x64 layout; every expected value was taken from luajit.</summary>
public class CDeclParserTests
{
    private static CType TypeOf(CTypeRegistry reg, string decl) => new CDeclParser(reg, decl).ParseType();

    private static string ErrorOf(Action a)
    {
        var e = Assert.Throws<CDeclException>(a);
        return e.Message;
    }

    [Theory]
    [InlineData("int", "int", 4, 4)]
    [InlineData("long", "int64_t", 8, 8)]
    [InlineData("unsigned long", "uint64_t", 8, 8)]
    [InlineData("signed char", "char", 1, 1)]
    [InlineData("uint8_t", "unsigned char", 1, 1)]
    [InlineData("size_t", "uint64_t", 8, 8)]
    [InlineData("const char *", "const char *", 8, 8)]
    [InlineData("char * const", "char *const", 8, 8)]
    [InlineData("int[10]", "int [10]", 40, 4)]
    [InlineData("int *[3]", "int *[3]", 24, 8)]
    [InlineData("int (*)[3]", "int (*)[3]", 8, 8)]
    [InlineData("int(*)(int)", "int (*)()", 8, 8)]
    [InlineData("long double", "long double", 16, 16)]
    [InlineData("char **const *", "char **const *", 8, 8)]
    public void Scalar_and_derived_types_print_and_size_as_luajit(string decl, string printed, long size, int align)
    {
        var t = TypeOf(new CTypeRegistry(), decl);
        Assert.Equal(printed, CTypeFormatter.Format(t));
        Assert.Equal(size, t.Size);
        Assert.Equal(align, t.Align);
    }

    [Fact]
    public void Derived_types_are_interned()
    {
        var reg = new CTypeRegistry();
        Assert.Same(TypeOf(reg, "int *"), TypeOf(reg, "int*"));
        Assert.Same(TypeOf(reg, "const int [4]"), TypeOf(reg, "const int[4]"));
    }

    [Fact]
    public void Struct_layout_matches_gcc()
    {
        var reg = new CTypeRegistry();
        new CDeclParser(reg, "struct b { char c; double d; char e; }; struct e { int i; char c; long long l; };").ParseDeclarations();
        var b = TypeOf(reg, "struct b");
        Assert.Equal(24, b.Size);
        Assert.Equal(8, b.Align);
        Assert.True(b.TryGetField("e", out _, out long off));
        Assert.Equal(16, off);
        Assert.Equal(16, TypeOf(reg, "struct e").Size);
    }

    [Fact]
    public void Bit_fields_pack_into_units_as_gcc_does()
    {
        var reg = new CTypeRegistry();
        new CDeclParser(reg, "struct B { int a:3; int b:5; unsigned c:30; }; struct b2 { char c; int x:3; };").ParseDeclarations();
        var s = TypeOf(reg, "struct B");
        Assert.Equal(8, s.Size);
        Assert.True(s.TryGetField("c", out var c, out long offset));
        Assert.Equal((4L, 0, 30), (offset, c.BitOffset, c.BitWidth));
        Assert.True(s.TryGetField("b", out var b, out offset));
        Assert.Equal((0L, 3), (offset, b.BitOffset));
        Assert.Equal(4, TypeOf(reg, "struct b2").Size);
    }

    [Fact]
    public void Pragma_pack_and_packed_attribute()
    {
        var reg = new CTypeRegistry();
        new CDeclParser(reg, "#pragma pack(push, 1)\nstruct p1 { char c; int i; double d; };\n#pragma pack(pop)\nstruct __attribute__((packed)) pk { char c; int i; };").ParseDeclarations();
        Assert.Equal(13, TypeOf(reg, "struct p1").Size);
        Assert.Equal(5, TypeOf(reg, "struct pk").Size);
    }

    [Fact]
    public void Enum_constants_are_registered()
    {
        var reg = new CTypeRegistry();
        new CDeclParser(reg, "enum color { RED, GREEN = 5, BLUE, NEG = -3, AFTER };").ParseDeclarations();
        Assert.Equal(6, reg.Constants["BLUE"].Value);
        Assert.Equal(-2, reg.Constants["AFTER"].Value);
    }

    [Fact]
    public void Anonymous_members_are_found_through_the_outer_record()
    {
        var reg = new CTypeRegistry();
        new CDeclParser(reg, "struct anon { int kind; union { int i; float f; }; struct { short x, y; }; };").ParseDeclarations();
        var t = TypeOf(reg, "struct anon");
        Assert.True(t.TryGetField("y", out _, out long off));
        Assert.Equal(10, off);
        Assert.Equal(12, t.Size);
    }

    [Theory]
    [InlineData("struct foo {int a;}; struct foo {int b;};", "attempt to redefine 'foo'")]
    [InlineData("foo x;", "declaration specifier expected near 'foo'")]
    [InlineData("int x[;", "unexpected symbol near ';'")]
    [InlineData("int 3;", "'<identifier>' expected near '3'")]
    [InlineData("struct { int a }", "';' expected near '}'")]
    [InlineData("enum e {A, B}; enum e2 {A};", "attempt to redefine 'A'")]
    [InlineData("int a[-1];", "size of C type is unknown or too large")]
    [InlineData("int x = 3;", "';' expected near '='")]
    [InlineData("int (x;", "')' expected near ';'")]
    [InlineData("struct {", "declaration specifier expected near '<eof>'")]
    [InlineData("$", "wrong number of type parameters")]
    [InlineData("int x1; int y1", "';' expected near '<eof>'")]
    [InlineData("struct r1 {int a;};\nstruct r1 {int a;};", "attempt to redefine 'r1' at line 2")]
    [InlineData("struct q { int x:33; };", "invalid value near ':'")]
    [InlineData("enum { G = 5L };", "malformed number near '5L'")]
    public void Malformed_declarations_fail_with_luajits_message(string decl, string message)
    {
        Assert.Equal(message, ErrorOf(() => new CDeclParser(new CTypeRegistry(), decl).ParseDeclarations()));
    }

    [Fact]
    public void Hostile_nesting_is_refused_not_overflowed()
    {
        var decl = "int " + new string('(', 100_000) + "x";
        ErrorOf(() => new CDeclParser(new CTypeRegistry(), decl).ParseDeclarations());
        var expr = "enum { X = " + new string('(', 100_000) + "1 };";
        ErrorOf(() => new CDeclParser(new CTypeRegistry(), expr).ParseDeclarations());
    }

    [Fact]
    public void Dollar_parameters_take_types_numbers_and_names()
    {
        var reg = new CTypeRegistry();
        var t = new CDeclParser(reg, "$[$]", new object[] { CTypeRegistry.Int, 5L }).ParseType();
        Assert.Equal(20, t.Size);
        new CDeclParser(reg, "struct $ { $ a; };", new object[] { "withparam", CTypeRegistry.Double }).ParseDeclarations();
        Assert.Equal(8, TypeOf(reg, "struct withparam").Size);
    }

    [Fact]
    public void Typeof_strings_reject_names_and_undeclared_tags()
    {
        Assert.Equal("'<eof>' expected near 'x'", ErrorOf(() => TypeOf(new CTypeRegistry(), "int x")));
        Assert.Equal("undeclared or implicit tag 'nope'", ErrorOf(() => TypeOf(new CTypeRegistry(), "struct nope")));
    }
}
