using Dashboard.Server.Indexing;

namespace Dashboard.Server.Tests;

public class AdaptiveRangeTests
{
    [Fact]
    public void Grows_after_success_up_to_the_maximum()
    {
        var range = new AdaptiveRange(1000, 1400);
        range.Succeeded();
        Assert.Equal(1250, range.Current);
        range.Succeeded();
        Assert.Equal(1400, range.Current);
    }

    [Fact]
    public void Halves_on_failure_and_stops_at_one_block()
    {
        var range = new AdaptiveRange(3, 100);
        Assert.True(range.Shrink());
        Assert.Equal(1, range.Current);
        Assert.False(range.Shrink());
        Assert.Equal(1, range.Current);
    }
}
