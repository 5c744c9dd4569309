namespace Tidegate.Web.Shared;

/// <summary>
/// The memory accounting of one shared dictionary, modelled on nginx's slab allocator
/// (src/core/ngx_slab.c) so that a zone of a declared size holds as many entries as the same
/// <c>lua_shared_dict</c> holds in nginx. Nothing is allocated here: the model only decides
/// whether an allocation of a given size would succeed and what it occupies.
/// <para>
/// nginx's model: the zone starts with the pool header, the slot and statistics arrays and one
/// 24-byte page descriptor per page; the rest is 4 KiB pages. A request above half a page takes
/// whole pages; a smaller one is rounded up to a power of two (8..2048 bytes) and served from a page
/// dedicated to that size class. Classes below 64 bytes keep their bitmap inside the page, which
/// costs them chunks (504, 254 and 127 chunks for 8, 16 and 32 bytes). A class page goes back to
/// the free pages when its last chunk is freed; the page that most recently gained a free chunk is
/// the one filled next.
/// </para>
/// <para>
/// Where the model differs from nginx: multi-page allocations need no contiguous run of free pages
/// here (nginx can fail one under fragmentation while enough free pages exist in total).
/// </para>
/// </summary>
public sealed class SlabZone
{
    public const int PageSize = 4096;
    private const int PageShift = 12;
    private const int MinShift = 3;               // 8-byte smallest chunk
    private const int ClassCount = PageShift - MinShift; // shifts 3..11
    private const int MaxChunk = PageSize / 2;    // above this, whole pages

    // sizeof(ngx_slab_pool_t) on x86-64, then nine slot descriptors (24 bytes) and nine
    // ngx_slab_stat_t (32 bytes), then one 24-byte descriptor per page.
    private const long PoolHeader = 208 + ClassCount * (24 + 32);
    private const long PageDescriptor = 24;

    private readonly LinkedList<SlabPage>[] _partialPages = new LinkedList<SlabPage>[ClassCount];

    public SlabZone(long size)
    {
        Size = size;
        TotalPages = UsablePages(size);
        FreePages = TotalPages;
        for (int i = 0; i < ClassCount; i++) _partialPages[i] = new LinkedList<SlabPage>();
    }

    /// <summary>The declared size of the zone in bytes.</summary>
    public long Size { get; }
    public long TotalPages { get; }
    public long FreePages { get; private set; }

    /// <summary>ngx_slab_init's page count for a zone of <paramref name="size"/> bytes.</summary>
    public static long UsablePages(long size)
    {
        long rest = size - PoolHeader;
        if (rest <= 0) return 0;
        long pages = rest / (PageSize + PageDescriptor);
        long start = AlignUp(PoolHeader + pages * PageDescriptor, PageSize);
        long fit = size > start ? (size - start) / PageSize : 0;
        return Math.Min(pages, fit);
    }

    private static long AlignUp(long v, long a) => (v + a - 1) / a * a;

    /// <summary>Takes <paramref name="size"/> bytes; false when the zone has no room (nginx's NULL).</summary>
    public bool TryAllocate(long size, out SlabAllocation allocation)
    {
        if (size > MaxChunk)
        {
            long pages = (size + PageSize - 1) >> PageShift;
            if (pages > FreePages) { allocation = default; return false; }
            FreePages -= pages;
            allocation = new SlabAllocation(null, pages);
            return true;
        }
        int cls = ClassOf(size);
        var list = _partialPages[cls];
        SlabPage page;
        if (list.First is { } first) page = first.Value;
        else
        {
            if (FreePages == 0) { allocation = default; return false; }
            FreePages--;
            page = new SlabPage(cls, ChunksPerPage(cls));
            page.Node = list.AddFirst(page);
        }
        page.Used++;
        if (page.Used == page.Capacity) { list.Remove(page.Node!); page.Node = null; }
        allocation = new SlabAllocation(page, 0);
        return true;
    }

    public void Free(SlabAllocation allocation)
    {
        if (allocation.Page is not { } page)
        {
            FreePages += allocation.Pages;
            return;
        }
        var list = _partialPages[page.Class];
        page.Used--;
        if (page.Used == 0)
        {
            if (page.Node is not null) { list.Remove(page.Node); page.Node = null; }
            FreePages++;
        }
        else if (page.Node is null)
        {
            page.Node = list.AddFirst(page); // a full page that gained a free chunk is filled next
        }
    }

    /// <summary>The size class (0 = 8 bytes ... 8 = 2048 bytes) of a chunk request.</summary>
    private static int ClassOf(long size)
    {
        int shift = MinShift;
        while ((1L << shift) < size) shift++;
        return shift - MinShift;
    }

    private static int ChunksPerPage(int cls)
    {
        int chunk = 1 << (cls + MinShift);
        int chunks = PageSize / chunk;
        if (chunk >= 64) return chunks;
        // The page's own bitmap (one bit per chunk) takes its first chunks.
        int bitmapBytes = chunks / 8;
        return chunks - (bitmapBytes + chunk - 1) / chunk;
    }

    /// <summary>A page given to one size class; <see cref="Used"/> of its <see cref="Capacity"/> chunks are taken.</summary>
    public sealed class SlabPage
    {
        public SlabPage(int cls, int capacity) { Class = cls; Capacity = capacity; }
        public int Class { get; }
        public int Capacity { get; }
        public int Used { get; set; }
        /// <summary>Its place in its class's list of pages with free chunks; null while full.</summary>
        internal LinkedListNode<SlabPage>? Node { get; set; }
    }
}

/// <summary>What one allocation occupies: a chunk of a class page, or whole pages.</summary>
public readonly record struct SlabAllocation(SlabZone.SlabPage? Page, long Pages);
