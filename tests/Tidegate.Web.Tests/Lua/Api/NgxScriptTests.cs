using System.Runtime.CompilerServices;
using System.Text;

namespace Tidegate.Web.Tests.Lua.Api;

/// <summary>
/// Each Scripts/NAME.lua ran in nginx 1.22 + ngx_lua 0.10.23 (content_by_lua_file, output of
/// ngx.say collected) produced Scripts/NAME.expected (with the temp directory stripped from error
/// positions); here the same script runs against tidegate's registrations and must say the same bytes.
/// </summary>
public class NgxScriptTests
{
    private static string ScriptDirectory([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Scripts");

    [Theory]
    [InlineData("codec")]
    [InlineData("time")]
    [InlineData("regex")]
    [InlineData("regex_errors")]
    [InlineData("regex_more")]
    public void ScriptSaysWhatNginxSaid(string name)
    {
        var dir = ScriptDirectory();
        var lua = File.ReadAllBytes(Path.Combine(dir, name + ".lua"));
        var expected = Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(dir, name + ".expected")));
        var actual = new NgxLuaRunner().Run(lua);
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Min(expectedLines.Length, actualLines.Length); i++)
            Assert.True(expectedLines[i] == actualLines[i], $"line {i + 1}:\n  nginx:    {expectedLines[i]}\n  tidegate: {actualLines[i]}");
        Assert.Equal(expectedLines.Length, actualLines.Length);
    }
}
