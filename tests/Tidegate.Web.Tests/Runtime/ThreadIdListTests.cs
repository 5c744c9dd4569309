using System.Runtime.InteropServices;
using Tidegate.Web.Runtime;

namespace Tidegate.Web.Tests.Runtime;

/// <summary>
/// The thread-id list the runtime-thread keeper reads five times a second: it sees threads as they start
/// and end (checked against /proc read the ordinary way), and a read allocates nothing.
/// </summary>
public partial class ThreadIdListTests
{
    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    private static HashSet<int> ProcTasks() =>
        Directory.EnumerateDirectories("/proc/self/task").Select(d => int.Parse(Path.GetFileName(d))).ToHashSet();

    [Fact]
    public void ListsTheProcessThreadsAndFollowsAThreadThatStartsAndEnds()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var list = ThreadIdList.Open();
        Assert.NotNull(list);
        Assert.True(list!.Read());
        Assert.True(ThreadIdList.Contains(list.Ids, GetThreadId()));
        Assert.DoesNotContain(0, list.Ids.ToArray());

        int started = 0;
        using var go = new ManualResetEventSlim();
        var thread = new Thread(() => { started = GetThreadId(); go.Wait(); });
        thread.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref started) != 0, 5000);
        Assert.True(list.Read());
        Assert.True(ThreadIdList.Contains(list.Ids, started));
        // Every thread the ordinary enumeration saw before and after the read is in the list.
        var before = ProcTasks();
        Assert.True(list.Read());
        var after = ProcTasks();
        foreach (int tid in before.Intersect(after)) Assert.True(ThreadIdList.Contains(list.Ids, tid), $"thread {tid} missing");

        go.Set();
        thread.Join();
        Assert.True(SpinWait.SpinUntil(() => list.Read() && !ThreadIdList.Contains(list.Ids, started), 5000),
            $"thread {started} still listed after it ended");
    }

    [Fact]
    public void ReadingAgainAllocatesNothing()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var list = ThreadIdList.Open()!;
        // Other tests start threads meanwhile: a measurement during which the id array had to grow is taken again.
        for (int attempt = 0; attempt < 5; attempt++)
        {
            list.Read();
            int capacity = list.Capacity;
            long before = GC.GetAllocatedBytesForCurrentThread();
            int seen = 0;
            for (int i = 0; i < 200; i++)
            {
                Assert.True(list.Read());
                seen += list.Count;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (list.Capacity != capacity) continue;
            Assert.True(seen > 200, "no threads read");
            Assert.Equal(0, allocated);
            return;
        }
        Assert.Fail("the thread count kept growing");
    }

    [Fact]
    public void ContainsIsALinearSearch()
    {
        Assert.True(ThreadIdList.Contains([5, 7, 9], 9));
        Assert.False(ThreadIdList.Contains([5, 7, 9], 8));
        Assert.False(ThreadIdList.Contains([], 1));
    }

    [Fact]
    public void AReadAfterDisposeFailsInsteadOfReadingAnotherDescriptor()
    {
        if (!OperatingSystem.IsLinux()) return;
        var list = ThreadIdList.Open()!;
        list.Dispose();
        Assert.False(list.Read());
        list.Dispose(); // twice is harmless
    }
}
