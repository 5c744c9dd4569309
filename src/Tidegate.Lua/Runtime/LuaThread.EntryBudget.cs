using System.Runtime.CompilerServices;

namespace Tidegate.Lua.Runtime;

// Function entries charge the run-time budget (LuaState.BudgetRemaining, which also drives the count hook and
// an embedder's time limit) in batches. Decrementing the state's 64-bit counter at every entry cost a load of
// thread.State, a load and a store of the counter: a third of the entry's memory traffic in fib. Each thread
// counts entries down in an int of its own instead and charges the state once per batch. While no budget and
// no count hook is set a batch is 16 entries (a time limit, which empties the state's counter from a timer,
// is then noticed at most 16 entries late, or at the next loop back-edge); with either one set it is a single
// entry, so budgets and count hooks see every entry exactly as before.
public sealed partial class LuaThread
{
    /// <summary>Entries left in the current batch before <see cref="ChargeEntries"/> runs (see the file comment).</summary>
    public int EntryCountdown;

    /// <summary>How many entries the current batch covers (the countdown's start plus the entry that ends it).</summary>
    private int _entryBatch = 1;

    /// <summary>Most entries one batch may cover while the state has no budget and no count hook.</summary>
    internal const int UnlimitedEntryBatch = 16;

    /// <summary>The countdown ran out: charge the batch's entries to the state, then start the next batch.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void ChargeEntries()
    {
        var state = State;
        long left = state.BudgetRemaining - _entryBatch;
        state.BudgetRemaining = left;
        if (left < 0)
        {
            // Charge the next entry on its own too: the budget stays exhausted, so it must fail as well.
            EntryCountdown = 0;
            _entryBatch = 1;
            state.BudgetExhausted(this); // raises, or ran the count hook and restarted the countdown
        }
        int batch = state.BackEdgesMayInterrupt ? 1 : UnlimitedEntryBatch;
        EntryCountdown = batch - 1;
        _entryBatch = batch;
    }

    /// <summary>
    /// Makes the next entry end the batch, so a budget or count hook just set (or changed while this thread was
    /// suspended) applies from that entry on. The entries the batch counted so far are dropped, not charged:
    /// a batch longer than one entry only runs while nothing is set, so they belong to no budget.
    /// </summary>
    internal void RestartEntryBatch()
    {
        EntryCountdown = 0;
        _entryBatch = 1;
    }
}
