namespace Tidegate.Web.Runtime;

/// <summary>
/// The server asking itself to shut down gracefully from inside, as SIGQUIT asks from outside
/// (ngx.process.signal_graceful_exit): the process host registers how; a server run without one
/// (embedded in tests) has nothing to stop.
/// </summary>
public static class GracefulExitRequest
{
    /// <summary>The pseudo signal number the request travels as through the host's signal queue.</summary>
    public const int Signal = 0;

    private static volatile Action? handler;

    public static void Register(Action? requestExit) => handler = requestExit;

    /// <summary>True when a host took the request.</summary>
    public static bool Send()
    {
        var h = handler;
        h?.Invoke();
        return h is not null;
    }
}
