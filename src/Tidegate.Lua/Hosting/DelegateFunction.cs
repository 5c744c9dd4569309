using System.Reflection;
using Tidegate.Lua.Runtime;

namespace Tidegate.Lua.Hosting;

/// <summary>
/// Wraps .NET delegates as Lua-callable <see cref="HostFunction"/>s. Arguments are converted to the
/// delegate's parameter types with <see cref="LuaConverter"/> (a wrong type is Lua's "bad argument"
/// error), the return value back to Lua; a <see cref="LuaValue"/>[] return gives several results.
/// A .NET exception thrown by the delegate becomes a Lua error carrying its message (catchable by pcall);
/// a <see cref="LuaException"/> passes through unchanged.
/// The typed factories (<c>Func&lt;T1, TResult&gt;</c> and so on) convert without reflection;
/// <see cref="Create(string, Delegate)"/> takes any delegate shape, at the cost of a reflective call.
/// </summary>
public static class DelegateFunction
{
    public static HostFunction Create(string name, Delegate function)
    {
        var parameters = function.Method.GetParameters();
        var types = Array.ConvertAll(parameters, p => p.ParameterType);
        bool returnsVoid = function.Method.ReturnType == typeof(void);
        return new HostFunction(name, call =>
        {
            var args = new object?[types.Length];
            for (int i = 0; i < types.Length; i++)
            {
                if (i >= call.Count && parameters[i].HasDefaultValue) args[i] = parameters[i].DefaultValue;
                else args[i] = LuaConverter.To(call.Thread, call[i], types[i], i, call.FunctionName, present: i < call.Count);
            }
            object? result;
            try
            {
                result = function.DynamicInvoke(args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw AsLuaError(call.Thread, e.InnerException);
            }
            return returnsVoid ? 0 : Return(call, result);
        });
    }

    public static HostFunction Create(string name, Action action) =>
        new(name, call =>
        {
            try { action(); return 0; }
            catch (Exception e) when (ShouldConvert(e)) { throw AsLuaError(call.Thread, e); }
        });

    public static HostFunction Create<T1>(string name, Action<T1> action) =>
        new(name, call =>
        {
            try { action(Arg<T1>(call, 0)); return 0; }
            catch (Exception e) when (ShouldConvert(e)) { throw AsLuaError(call.Thread, e); }
        });

    public static HostFunction Create<T1, T2>(string name, Action<T1, T2> action) =>
        new(name, call =>
        {
            try { action(Arg<T1>(call, 0), Arg<T2>(call, 1)); return 0; }
            catch (Exception e) when (ShouldConvert(e)) { throw AsLuaError(call.Thread, e); }
        });

    public static HostFunction Create<T1, T2, T3>(string name, Action<T1, T2, T3> action) =>
        new(name, call =>
        {
            try { action(Arg<T1>(call, 0), Arg<T2>(call, 1), Arg<T3>(call, 2)); return 0; }
            catch (Exception e) when (ShouldConvert(e)) { throw AsLuaError(call.Thread, e); }
        });

    public static HostFunction Create<TResult>(string name, Func<TResult> function) =>
        new(name, call =>
        {
            try { return Return(call, function()); }
            catch (Exception e) when (ShouldConvert(e)) { throw AsLuaError(call.Thread, e); }
        });

    public static HostFunction Create<T1, TResult>(string name, Func<T1, TResult> function) =>
        new(name, call =>
        {
            try { return Return(call, function(Arg<T1>(call, 0))); }
            catch (Exception e) when (ShouldConvert(e)) { throw AsLuaError(call.Thread, e); }
        });

    public static HostFunction Create<T1, T2, TResult>(string name, Func<T1, T2, TResult> function) =>
        new(name, call =>
        {
            try { return Return(call, function(Arg<T1>(call, 0), Arg<T2>(call, 1))); }
            catch (Exception e) when (ShouldConvert(e)) { throw AsLuaError(call.Thread, e); }
        });

    public static HostFunction Create<T1, T2, T3, TResult>(string name, Func<T1, T2, T3, TResult> function) =>
        new(name, call =>
        {
            try { return Return(call, function(Arg<T1>(call, 0), Arg<T2>(call, 1), Arg<T3>(call, 2))); }
            catch (Exception e) when (ShouldConvert(e)) { throw AsLuaError(call.Thread, e); }
        });

    public static HostFunction Create<T1, T2, T3, T4, TResult>(string name, Func<T1, T2, T3, T4, TResult> function) =>
        new(name, call =>
        {
            try { return Return(call, function(Arg<T1>(call, 0), Arg<T2>(call, 1), Arg<T3>(call, 2), Arg<T4>(call, 3))); }
            catch (Exception e) when (ShouldConvert(e)) { throw AsLuaError(call.Thread, e); }
        });

    private static T Arg<T>(LuaCall call, int i) => LuaConverter.To<T>(call.Thread, call[i], i, call.FunctionName, present: i < call.Count);

    private static int Return<T>(LuaCall call, T result)
    {
        if (result is LuaValue[] many) return call.Return(many);
        return call.Return(LuaConverter.ToLua(result));
    }

    /// <summary>Exceptions from the delegate that become Lua errors; Lua errors and fatal conditions pass through.</summary>
    private static bool ShouldConvert(Exception e) => e is not LuaException and not OutOfMemoryException and not StackOverflowException;

    private static LuaException AsLuaError(LuaThread thread, Exception e) =>
        e as LuaException ?? thread.RuntimeError(e.Message);
}
