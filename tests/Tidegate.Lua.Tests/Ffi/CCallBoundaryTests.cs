using System.Runtime.InteropServices;
using System.Text;
using Tidegate.Lua.Ffi;
using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.Ffi;

/// <summary>
/// The pieces between Lua and native calls: by-value aggregates, variadic calls, string pointers and
/// callbacks. The differential scripts (tests/lua/ffi/c_*.lua, callback_free_set.lua) compare the
/// results with luajit; these pin the mechanisms and the hostile cases below them.
/// </summary>
public class CCallBoundaryTests
{
    private static string Run(string source)
    {
        var state = new LuaState();
        var output = new MemoryStream();
        state.StandardOutput = output;
        StandardLibraries.OpenAll(state);
        state.Call(state.Load(Encoding.UTF8.GetBytes(source), "@t.lua"));
        state.StandardOutput.Flush();
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static CType Parse(CTypeRegistry reg, string decl) => new CDeclParser(reg, decl).ParseType();

    [Theory]
    [InlineData("struct { int a, b; }", 8)]
    [InlineData("struct { char c; double d; }", 16)]
    [InlineData("union { uint32_t u; uint8_t b[4]; }", 4)]
    [InlineData("struct { uint32_t a:8, b:8, c:8, d:8; }", 4)]
    [InlineData("struct { long a, b, c; }", 24)]
    [InlineData("struct { char s[40]; }", 40)]
    [InlineData("complex float", 8)]
    [InlineData("complex", 16)]
    public void By_value_types_have_the_c_size(string decl, int size)
    {
        var reg = new CTypeRegistry();
        var clr = CByValueType.For(Parse(reg, decl));
        Assert.True(clr.IsValueType);
        Assert.Equal(size, Marshal.SizeOf(clr));
    }

    [Fact]
    public void By_value_types_are_shared_by_layout_across_states()
    {
        var a = CByValueType.For(Parse(new CTypeRegistry(), "struct { double re, im; }"));
        var b = CByValueType.For(Parse(new CTypeRegistry(), "struct { double x, y; }"));
        Assert.Same(a, b);
    }

    [Fact]
    public void Incomplete_records_cannot_go_by_value()
    {
        var reg = new CTypeRegistry();
        new CDeclParser(reg, "struct opaque;").ParseDeclarations();
        var e = Assert.Throws<CDeclException>(() => CByValueType.For(Parse(reg, "struct opaque")));
        Assert.Contains("size is unknown", e.Message);
    }

    [Fact]
    public void A_variadic_trampoline_is_made_once_per_function()
    {
        nint f = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "snprintf");
        Assert.Equal(VariadicTrampoline.For(f), VariadicTrampoline.For(f));
        Assert.NotEqual(f, VariadicTrampoline.For(f));
    }

    [Fact]
    public void Doubles_reach_a_variadic_function()
    {
        var output = Run("""
            local ffi = require "ffi"
            ffi.cdef "int snprintf(char *, size_t, const char *, ...);"
            local b = ffi.new("char[64]")
            ffi.C.snprintf(b, 64, "%g|%.2f|%s|%lld", 0.5, 2, "x", 7LL)
            print(ffi.string(b))
            """);
        Assert.Equal("0.5|2.00|x|7\n", output);
    }

    [Fact]
    public void Equal_strings_share_one_native_copy()
    {
        var a = LuaString.FromLatin1("same bytes");
        var b = LuaString.FromLatin1("same bytes");
        Assert.NotSame(a, b);
        Assert.Equal(StringMemory.AddressOf(a), StringMemory.AddressOf(b));
        Assert.NotEqual(StringMemory.AddressOf(a), StringMemory.AddressOf(LuaString.FromLatin1("other")));
    }

    [Fact]
    public void A_freed_callback_fails_instead_of_crashing_and_its_slot_is_reused()
    {
        var output = Run("""
            local ffi = require "ffi"
            local cb = ffi.cast("int (*)(int)", function(x) return x + 1 end)
            print(cb(1))
            cb:free()
            print(pcall(cb, 1))
            print(pcall(cb.free, cb))
            local again = ffi.cast("int (*)(int)", function(x) return x * 3 end)
            print(again(5), again == cb)
            """);
        Assert.Equal("2\nfalse\tbad callback\nfalse\tbad callback\n15\ttrue\n", output);
    }

    [Fact]
    public void Null_memory_arguments_are_errors_not_crashes()
    {
        var output = Run("""
            local ffi = require "ffi"
            print(pcall(ffi.copy, nil, "x"))
            print(pcall(ffi.fill, nil, 4))
            print(pcall(ffi.copy, ffi.new("char[4]"), nil, 2))
            print(pcall(ffi.cast("int (*)(int)", 0), 1))
            """);
        Assert.Equal(
            "false\tattempt to index a NULL pointer\nfalse\tattempt to index a NULL pointer\n" +
            "false\tattempt to index a NULL pointer\nfalse\tattempt to call a NULL function pointer\n", output);
    }
}
