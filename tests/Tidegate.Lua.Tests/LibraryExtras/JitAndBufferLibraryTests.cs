using Tidegate.Lua.Library;

namespace Tidegate.Lua.Tests.LibraryExtras;

// Behaviour that the differential corpus cannot show because luajit has the feature and Tidegate refuses it
// (jit.util and friends, cdata methods), or that is about the .NET side (the StringBuffer type).
public class JitAndBufferLibraryTests
{
    private static LuaState NewState()
    {
        var state = new LuaState();
        StandardLibraries.OpenAll(state);
        return state;
    }

    private static string ErrorOf(LuaState state, string source) =>
        Assert.ThrowsAny<LuaException>(() => state.DoString(source, "=t")).Message;

    [Theory]
    [InlineData("jit.util")]
    [InlineData("jit.profile")]
    [InlineData("jit.v")]
    [InlineData("jit.dump")]
    public void BytecodeAndTraceModulesFailNamingThemselves(string module)
    {
        var message = ErrorOf(NewState(), $"require '{module}'");
        Assert.Contains($"module '{module}' is not supported", message);
    }

    [Theory]
    [InlineData("reserve(10)", "reserve")]
    [InlineData("ref()", "ref")]
    public void CdataMethodsFailNamingThemselves(string call, string method)
    {
        var message = ErrorOf(NewState(), $"local b = require('string.buffer').new() b:{call}");
        Assert.Contains($"string.buffer method '{method}' is not supported", message);
    }

    [Fact]
    public void ThreadExdataNeedsTheFfiFirst()
    {
        var message = ErrorOf(NewState(), "local ex = require 'thread.exdata' ex()");
        Assert.Equal("t:1: ffi module not loaded (yet)", message);
    }

    [Fact]
    public void JitReportsThePlatform()
    {
        var r = NewState().DoString("return jit.os, jit.arch, jit.version, jit.version_num");
        Assert.Equal(JitLibrary.OperatingSystemName(), r[0].AsString!.ToString());
        Assert.Equal(JitLibrary.ArchitectureName(), r[1].AsString!.ToString());
        Assert.Equal("LuaJIT 2.1.0-beta3", r[2].AsString!.ToString());
        Assert.Equal(20100, r[3].Number);
    }

    [Fact]
    public void BufferIsReachableFromDotNet()
    {
        var state = NewState();
        var r = state.DoString("local b = require('string.buffer').new() b:put('abc', 1) return b");
        var buffer = StringBufferLibrary.AsBuffer(r[0]);
        Assert.NotNull(buffer);
        Assert.Equal("abc1"u8.ToArray(), buffer!.Span.ToArray());
    }

    [Fact]
    public void BufferStaysCompactWhenUsedAsAQueue()
    {
        var buffer = new StringBuffer();
        for (int i = 0; i < 100_000; i++)
        {
            buffer.Append("0123456789"u8);
            buffer.Take(10);
            buffer.CompactIfEmpty();
        }
        Assert.Equal(0, buffer.Length);
        Assert.True(buffer.FreeSpace < 1024);
    }
}
