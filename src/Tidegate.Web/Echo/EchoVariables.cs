using System.Globalization;
using System.Text;
using Tidegate.Web.Http;

namespace Tidegate.Web.Echo;

/// <summary>The echo module's variables.</summary>
public sealed class EchoVariables : IVariableProvider
{
    public static readonly string[] Names =
    {
        "echo_it", "echo_timer_elapsed", "echo_request_body", "echo_request_method",
        "echo_client_request_method", "echo_request_uri", "echo_cacheable_request_uri",
    };

    public bool TryGet(RequestContext ctx, string name, out string? value)
    {
        value = null;
        if (!name.StartsWith("echo_", StringComparison.Ordinal)) return false;
        switch (name)
        {
            case "echo_it":
                value = EchoRequestState.Find(ctx)?.ForeachItem;
                return true;
            case "echo_timer_elapsed":
                long start = EchoRequestState.Find(ctx)?.TimerStart ?? ctx.Main.StartTimestamp;
                double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
                value = seconds.ToString("0.000", CultureInfo.InvariantCulture);
                return true;
            case "echo_request_body":
                value = ctx.RequestBody is { } body ? Encoding.Latin1.GetString(body) : null;
                return true;
            case "echo_request_method": value = ctx.Request.Method; return true;
            case "echo_client_request_method": value = ctx.Main.Request.Method; return true;
            case "echo_request_uri":
            case "echo_cacheable_request_uri":
                value = ctx.Request.Args is { } args ? ctx.Request.Path + "?" + args : ctx.Request.Path;
                return true;
        }
        return false;
    }
}
