using Tidegate.Lua.Hosting;

namespace Tidegate.Lua.Tests.Hosting;

/// <summary>
/// The example in docs/embedding.md, compiled and run by <see cref="EmbeddingApiTests"/>. The text between
/// the example markers must equal the code block in the document (a test checks), so the two stay in step.
/// </summary>
public static class EmbeddingExample
{
    public static async Task<string> RunAsync()
    {
        // <example>
        var lua = new LuaEngine();                       // a state with the standard libraries
        lua["greeting"] = "hello";                       // .NET values become Lua values
        lua["limits"] = new Dictionary<string, object> { ["max"] = 3 };
        lua.RegisterFunction("add", (double a, double b) => a + b);
        lua.RegisterAsyncFunction("fetch", async args =>
        {
            await Task.Delay(10);                        // the script waits; no thread does
            return "fetched " + args[0];
        });
        lua.InstructionLimit = 10_000_000;               // calls + loop iterations per run
        lua.MaxCallDepth = 10_000;

        object?[] sum = lua.Run("return add(limits.max, 4)");             // { 7.0 }
        lua.Run("function shout(s) return s .. '!' end");
        object?[] shouted = lua.Call("shout", lua["greeting"]);           // { "hello!" }
        object?[] fetched = await lua.RunAsync("return fetch('page')");   // { "fetched page" }
        // </example>
        return $"{sum[0]} {shouted[0]} {fetched[0]}";
    }
}
