using System.Runtime.CompilerServices;

namespace Tidegate.Web.Upstreams;

/// <summary>
/// A read of more upstream bytes (<see cref="UpstreamConnection.FillAsync"/>) as an awaitable that
/// allocates nothing: the caller's state machine waits on the socket's own wait directly, and the
/// bookkeeping and the translation of failures into nginx's log texts happen when the result is
/// taken. As an async method of its own, each read that waited was one more box and one more
/// context continuation per proxied request.
/// </summary>
public readonly struct UpstreamRead
{
    private readonly UpstreamConnection connection;
    private readonly ValueTask<int> read;
    private readonly string action;

    internal UpstreamRead(UpstreamConnection connection, ValueTask<int> read, string action)
    {
        this.connection = connection;
        this.read = read;
        this.action = action;
    }

    public Awaiter GetAwaiter() => new(this);

    public readonly struct Awaiter : ICriticalNotifyCompletion
    {
        private readonly UpstreamRead owner;

        internal Awaiter(UpstreamRead owner) { this.owner = owner; }

        public bool IsCompleted => owner.read.IsCompleted;

        /// <returns>the count read; 0 when the upstream closed.</returns>
        public int GetResult() => owner.connection.Filled(owner.read, owner.action);

        public void OnCompleted(Action continuation) => owner.read.GetAwaiter().OnCompleted(continuation);

        public void UnsafeOnCompleted(Action continuation) => owner.read.GetAwaiter().UnsafeOnCompleted(continuation);
    }
}
