using Tidegate.Web.Shared;

namespace Tidegate.Web.Tests.Shared;

/// <summary>The slab model's arithmetic, against figures read from nginx (free_space of empty zones, entries per page).</summary>
public class SlabZoneTests
{
    [Theory]
    [InlineData(8192L, 1L)]
    [InlineData(12287L, 1L)]
    [InlineData(12288L, 2L)]
    [InlineData(65536L, 15L)]
    [InlineData(102400L, 24L)]   // nginx: free_space 90112 = 22 free pages + 2 taken at start
    [InlineData(1048576L, 254L)] // nginx: free_space 1032192 = 252 + 2
    public void UsablePagesAsNgxSlabInit(long size, long pages) => Assert.Equal(pages, SlabZone.UsablePages(size));

    [Fact]
    public void HugeAndTinyZonesNeedNoMemoryUpFront()
    {
        Assert.Equal(0, SlabZone.UsablePages(100));
        Assert.Equal(0, SlabZone.UsablePages(0));
        var huge = new SlabZone(long.MaxValue);
        Assert.True(huge.TotalPages > 1L << 50);
        Assert.True(huge.TryAllocate(1L << 40, out var a));
        huge.Free(a);
        Assert.Equal(huge.TotalPages, huge.FreePages);
    }

    [Theory]
    [InlineData(1, 504)]      // 8-byte class: the page's bitmap takes 8 chunks
    [InlineData(16, 254)]
    [InlineData(17, 127)]     // 32-byte class
    [InlineData(33, 64)]
    [InlineData(65, 32)]
    [InlineData(128, 32)]
    [InlineData(129, 16)]
    [InlineData(2048, 2)]
    public void ChunksPerPage(int size, int perPage)
    {
        var zone = new SlabZone(SlabZone.PageSize * 4L + 4096);
        long before = zone.FreePages;
        int n = 0;
        while (zone.FreePages >= before - 1 && zone.TryAllocate(size, out _)) n++;
        // The loop stops at the allocation that took a second page.
        Assert.Equal(perPage + 1, n);
    }

    [Fact]
    public void LargeAllocationsTakeWholePagesAndGiveThemBack()
    {
        var zone = new SlabZone(65536);
        Assert.Equal(15, zone.FreePages);
        Assert.True(zone.TryAllocate(2049, out var one));
        Assert.Equal(14, zone.FreePages);
        Assert.True(zone.TryAllocate(4097, out var two));
        Assert.Equal(12, zone.FreePages);
        Assert.False(zone.TryAllocate(13 * 4096, out _));
        zone.Free(one);
        zone.Free(two);
        Assert.Equal(15, zone.FreePages);
    }

    [Fact]
    public void APageReturnsOnlyWhenItsLastChunkIsFreed()
    {
        var zone = new SlabZone(65536);
        var chunks = new List<SlabAllocation>();
        for (int i = 0; i < 64; i++) { Assert.True(zone.TryAllocate(100, out var a)); chunks.Add(a); }
        Assert.Equal(13, zone.FreePages);
        for (int i = 0; i < 63; i++) zone.Free(chunks[i]);
        Assert.Equal(14, zone.FreePages); // the first page emptied; the second still holds one chunk
        zone.Free(chunks[63]);
        Assert.Equal(15, zone.FreePages);
    }

    [Fact]
    public void AFullPageThatGainsAFreeChunkIsFilledNext()
    {
        var zone = new SlabZone(65536);
        var first = new List<SlabAllocation>();
        for (int i = 0; i < 32; i++) { zone.TryAllocate(128, out var a); first.Add(a); }
        zone.TryAllocate(128, out var second); // opens page two
        zone.Free(first[5]);
        zone.TryAllocate(128, out var again);
        Assert.Same(first[0].Page, again.Page);
        Assert.NotSame(first[0].Page, second.Page);
    }
}
