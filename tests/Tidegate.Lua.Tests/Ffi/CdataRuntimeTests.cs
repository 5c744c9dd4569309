using System.Text;
using Tidegate.Lua.Ffi;
using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.Ffi;

/// <summary>cdata memory, conversions and C calls below the Lua surface; expectations taken from luajit.</summary>
public class CdataRuntimeTests
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

    [Theory]
    [InlineData(-1.0, 0x8000000000000000UL)]
    [InlineData(-0.5, 0UL)]
    [InlineData(18446744073709551616.0, 0UL)]
    [InlineData(9223372036854775808.0, 0x8000000000000000UL)]
    [InlineData(1e30, 0x8000000000000000UL)]
    [InlineData(3.0, 3UL)]
    public void Double_to_uint64_matches_luajit2(double d, ulong expected) =>
        Assert.Equal(expected, CConvert.DoubleToUInt64(d));

    [Theory]
    [InlineData(2147483648.0, int.MinValue)]
    [InlineData(-3.9, -3)]
    [InlineData(double.NaN, int.MinValue)]
    public void Double_to_int32_truncates_like_cvttsd2si(double d, int expected) =>
        Assert.Equal(expected, CConvert.DoubleToInt32(d));

    [Fact]
    public void Int64_division_by_zero_and_overflow_do_not_trap()
    {
        Assert.Equal(long.MinValue, Int64Arithmetic.Signed(ArithOp.Div, 1, 0));
        Assert.Equal(long.MinValue, Int64Arithmetic.Signed(ArithOp.Div, long.MinValue, -1));
        Assert.Equal(0x8000000000000000UL, Int64Arithmetic.Unsigned(ArithOp.Mod, 1, 0));
        Assert.Equal(0L, Int64Arithmetic.Signed(ArithOp.Pow, 2, -1));
    }

    [Fact]
    public void Small_blocks_are_aligned_and_zeroed()
    {
        for (int i = 0; i < 100; i++)
        {
            var c = CData.Allocate(CTypeRegistry.LongDouble);
            Assert.Equal(0, c.Address % 16);
            Assert.Equal(0L, CMemory.ReadInt64(c.Address) | CMemory.ReadInt64(c.Address + 8));
        }
        var big = CData.Allocate(FfiState.RegistryOf(null).ArrayOf(CTypeRegistry.Double, 1000));
        Assert.Equal(0, big.Address % 16);
    }

    [Fact]
    public void Libc_calls_and_a_qsort_callback_work()
    {
        string output = Run("""
            local ffi = require "ffi"
            ffi.cdef[[
            size_t strlen(const char *s);
            void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
            ]]
            local a = ffi.new("int[5]", 4, 1, 3, 5, 2)
            ffi.C.qsort(a, 5, 4, function(x, y) return ffi.cast("const int *", x)[0] - ffi.cast("const int *", y)[0] end)
            print(ffi.C.strlen("hello"), a[0], a[4])
            """);
        Assert.Equal("5ULL\t1\t5\n", output);
    }

    [Fact]
    public void Literal_64_bit_integers_compile_to_cdata()
    {
        Assert.Equal("-1LL\t18446744073709551615ULL\t1099511627776LL\n",
            Run("print(-1LL, 0xffffffffffffffffULL, bit.lshift(1LL, 40))"));
    }

    [Fact]
    public void Null_dereference_is_a_lua_error_not_a_crash()
    {
        // LuaJIT crashes here; Tidegate refuses addresses below 4096 (DESIGN: no input kills the process).
        Assert.Equal("false\tt.lua:3: attempt to index a NULL pointer\n", Run("""
            local ffi = require "ffi"
            local p = ffi.new("int *")
            print(pcall(function() return p[0] end))
            """));
    }
}
